package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.backends.control.UpstreamFailure;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.Refusal;

import java.time.Duration;

/**
 * What the relay does after an attempt, as a pure function of what happened: deliver the answer, try the next
 * deployment (at once or after a backoff), or stop with a refusal — and what to tell the backend's health. No I/O,
 * no clock, no randomness of its own: the caller passes the time spent and a jitter draw, so every row is a test.
 *
 * <p>Before an upstream has answered, a failure is not the client's problem: the next deployment is tried. Once
 * an upstream has answered usably, its answer (bytes and all) is the client's, and nothing is retried.
 */
public final class FailoverPolicy {

    /** No new attempt starts after this long: fail-over is bounded in attempts and in time. */
    public static final Duration RETRY_BUDGET = Duration.ofSeconds(30);
    /**
     * Extra tries of a backend that refused the connection (nothing reached it, so a resend is safe): a burst of new
     * streams can overflow an engine's accept queue for a moment, or an engine restarts. Spaced out with jitter.
     */
    public static final int CONNECT_RETRIES = 4;
    public static final Duration CONNECT_BACKOFF = Duration.ofMillis(100);
    /** How long a backend that throttled without saying for how long is left alone. */
    public static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(1);

    private FailoverPolicy() {
    }

    /**
     * Where the relay stands after an attempt.
     *
     * @param number          the attempt just made, from 0
     * @param rotationSize    how many deployments the router offered
     * @param connectFailures refused connections so far
     * @param elapsed         since the request arrived
     */
    public record Attempt(int number, int rotationSize, int connectFailures, Duration elapsed) {

        boolean otherBackendLeft() {
            return number + 1 < rotationSize;
        }

        /** A reset or stale pooled connection gets one resend even with a single backend. */
        boolean mayResend() {
            return number + 1 < Math.max(2, rotationSize);
        }
    }

    /** What an attempt came to. */
    public sealed interface Outcome {
        /** The upstream sent a status line. */
        record Answered(int status, Duration retryAfter) implements Outcome {
        }

        /** The exchange ended before any status line. */
        record Unanswered(UpstreamFailure failure) implements Outcome {
        }
    }

    /** What to tell the answering backend's health and load statistics. */
    public sealed interface Verdict {
        Verdict NONE = new None();
        Verdict FAILED = new Failed();

        record None() implements Verdict {
        }

        record Failed() implements Verdict {
        }

        /** It asked to be left alone for a while (429). */
        record Throttled(Duration after) implements Verdict {
        }
    }

    public sealed interface Decision {
        Verdict verdict();

        /** The answer is the client's: relay it. */
        record Deliver(Verdict verdict) implements Decision {
        }

        /** Try the next deployment after {@code delay} (zero: at once). */
        record Next(Duration delay, Verdict verdict, boolean connectFailure) implements Decision {
        }

        /** Answer the client with this refusal. */
        record Stop(ApiError error, Verdict verdict) implements Decision {
        }
    }

    /**
     * @param model    the public model name, for the refusal's message
     * @param timeouts the backend's, for a timeout refusal's message
     * @param jitter   a draw from [0, 1) that spreads out backoffs
     */
    public static Decision decide(Attempt attempt, Outcome outcome, String model, Timeouts timeouts, double jitter) {
        return switch (outcome) {
            case Outcome.Answered a -> answered(attempt, a, model);
            case Outcome.Unanswered u -> unanswered(attempt, u.failure(), model, timeouts, jitter);
        };
    }

    private static Decision answered(Attempt attempt, Outcome.Answered answered, String model) {
        int status = answered.status();
        if (status == 401 || status == 403) {
            // The backend refused Tollgate's credential: not the client's fault, and not worth a client 401.
            return attempt.otherBackendLeft() ? next(attempt, model, Duration.ZERO, Verdict.FAILED, false)
                    : new Decision.Stop(Refusal.UPSTREAM_AUTH.error("The backend serving model `" + model
                    + "` refused Tollgate's credentials. An administrator must check the backend's api_key."),
                    Verdict.FAILED);
        }
        if (status == 429 && attempt.otherBackendLeft()) {
            Duration wait = answered.retryAfter() == null ? DEFAULT_THROTTLE : answered.retryAfter();
            return next(attempt, model, Duration.ZERO, new Verdict.Throttled(wait), false);
        }
        if (status >= 500) {
            return attempt.otherBackendLeft() ? next(attempt, model, Duration.ZERO, Verdict.FAILED, false)
                    : new Decision.Stop(ApiError.upstreamFailed("The backend serving this model failed (HTTP "
                    + status + "). Please retry."), Verdict.FAILED);
        }
        return new Decision.Deliver(Verdict.NONE);
    }

    private static Decision unanswered(Attempt attempt, UpstreamFailure failure, String model, Timeouts timeouts,
                                       double jitter) {
        if (failure == UpstreamFailure.REFUSED && attempt.connectFailures() < CONNECT_RETRIES) {
            if (attempt.otherBackendLeft()) {
                return next(attempt, model, Duration.ZERO, Verdict.FAILED, true);
            }
            long base = CONNECT_BACKOFF.toMillis() << attempt.connectFailures();
            return next(attempt, model, Duration.ofMillis(base + (long) (jitter * base)), Verdict.FAILED, true);
        }
        if (failure.timedOut() ? attempt.otherBackendLeft() : attempt.mayResend()) {
            return next(attempt, model, Duration.ZERO, Verdict.FAILED, false);
        }
        if (failure.timedOut()) {
            return new Decision.Stop(Refusal.UPSTREAM_TIMEOUT.error("The backend serving model `" + model + "` "
                    + (failure == UpstreamFailure.CONNECT_TIMEOUT
                    ? "could not be connected to within " + timeouts.connect().toSeconds()
                    : "did not answer within " + timeouts.firstByte().toSeconds()) + " s. Please retry."),
                    Verdict.FAILED);
        }
        return new Decision.Stop(ApiError.upstreamFailed("No backend for model `" + model
                + "` could be reached. Please retry."), Verdict.FAILED);
    }

    /** A next attempt, unless it would start after the retry budget is spent. */
    private static Decision next(Attempt attempt, String model, Duration delay, Verdict verdict,
                                 boolean connectFailure) {
        if (attempt.elapsed().plus(delay).compareTo(RETRY_BUDGET) > 0) {
            return new Decision.Stop(ApiError.upstreamFailed("No backend for model `" + model + "` answered within "
                    + "the retry budget (" + RETRY_BUDGET.toSeconds() + " s). Please retry."), verdict);
        }
        return new Decision.Next(delay, verdict, connectFailure);
    }
}
