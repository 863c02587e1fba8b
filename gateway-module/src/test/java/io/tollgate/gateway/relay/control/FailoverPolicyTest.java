package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.backends.control.UpstreamFailure;
import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.relay.control.FailoverPolicy.Attempt;
import io.tollgate.gateway.relay.control.FailoverPolicy.Decision;
import io.tollgate.gateway.relay.control.FailoverPolicy.Outcome;
import io.tollgate.gateway.relay.control.FailoverPolicy.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every row of the fail-over table: what an attempt came to, where the relay stands, and what it does next. */
class FailoverPolicyTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofSeconds(60), Duration.ofMinutes(10));
    private static final Duration SOON = Duration.ofMillis(40);

    /** {@code attempt} of {@code of} deployments; "next" and "stop" rows say what follows and with which refusal. */
    static Stream<Arguments> rows() {
        return Stream.of(
                // answered: usable answers are the client's, whatever else is left
                arguments("200", first(2), answered(200), "deliver", null, Verdict.NONE),
                arguments("400 is the client's", first(2), answered(400), "deliver", null, Verdict.NONE),
                arguments("429, none left: passed on", last(1), answered(429), "deliver", null, Verdict.NONE),
                arguments("429, another left", first(2), answered(429), "next", null,
                        new Verdict.Throttled(Duration.ofSeconds(1))),
                arguments("401 from the backend, another left", first(3), answered(401), "next", null, Verdict.FAILED),
                arguments("403 from the backend, none left", last(2), answered(403), "stop", Refusal.UPSTREAM_AUTH,
                        Verdict.FAILED),
                arguments("500, another left", first(2), answered(500), "next", null, Verdict.FAILED),
                arguments("503, none left", last(2), answered(503), "stop", Refusal.UPSTREAM_FAILED, Verdict.FAILED),
                // unanswered
                arguments("refused, another left", first(2), unanswered(UpstreamFailure.REFUSED), "next", null,
                        Verdict.FAILED),
                arguments("refused, single backend: backoff", first(1), unanswered(UpstreamFailure.REFUSED), "next",
                        null, Verdict.FAILED),
                arguments("refused a fifth time, single backend", new Attempt(4, 1, 4, SOON),
                        unanswered(UpstreamFailure.REFUSED), "stop", Refusal.UPSTREAM_FAILED, Verdict.FAILED),
                arguments("broken (stale connection), single backend: one resend", first(1),
                        unanswered(UpstreamFailure.BROKEN), "next", null, Verdict.FAILED),
                arguments("broken again, single backend", new Attempt(1, 1, 0, SOON),
                        unanswered(UpstreamFailure.BROKEN), "stop", Refusal.UPSTREAM_FAILED, Verdict.FAILED),
                arguments("first-byte timeout, another left", first(2), unanswered(UpstreamFailure.FIRST_BYTE_TIMEOUT),
                        "next", null, Verdict.FAILED),
                arguments("first-byte timeout, single backend: no resend", first(1),
                        unanswered(UpstreamFailure.FIRST_BYTE_TIMEOUT), "stop", Refusal.UPSTREAM_TIMEOUT,
                        Verdict.FAILED),
                arguments("connect timeout, none left", last(2), unanswered(UpstreamFailure.CONNECT_TIMEOUT), "stop",
                        Refusal.UPSTREAM_TIMEOUT, Verdict.FAILED),
                // the retry budget
                arguments("500 after the budget", new Attempt(0, 3, 0, Duration.ofSeconds(31)), answered(500), "stop",
                        Refusal.UPSTREAM_FAILED, Verdict.FAILED),
                arguments("refused after the budget", new Attempt(0, 3, 0, Duration.ofSeconds(31)),
                        unanswered(UpstreamFailure.REFUSED), "stop", Refusal.UPSTREAM_FAILED, Verdict.FAILED),
                arguments("200 after the budget is still delivered", new Attempt(2, 3, 0, Duration.ofSeconds(31)),
                        answered(200), "deliver", null, Verdict.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(String row, Attempt attempt, Outcome outcome, String expected, Refusal refusal, Verdict verdict) {
        Decision decision = FailoverPolicy.decide(attempt, outcome, "demo", TIMEOUTS, 0.5);

        switch (expected) {
            case "deliver" -> assertInstanceOf(Decision.Deliver.class, decision, row);
            case "next" -> assertInstanceOf(Decision.Next.class, decision, row);
            case "stop" -> assertEquals(refusal, assertInstanceOf(Decision.Stop.class, decision, row).error().refusal(),
                    row);
            default -> throw new IllegalArgumentException(expected);
        }
        assertEquals(verdict, decision.verdict(), row);
    }

    @Test
    void aThrottlingBackendIsLeftAloneAsLongAsItAsked() {
        Decision decision = FailoverPolicy.decide(first(2), new Outcome.Answered(429, Duration.ofSeconds(7)), "demo",
                TIMEOUTS, 0);
        assertEquals(new Verdict.Throttled(Duration.ofSeconds(7)), decision.verdict());
    }

    @Test
    void refusedConnectionsOfASingleBackendBackOffExponentiallyWithJitter() {
        for (int failures = 0; failures < FailoverPolicy.CONNECT_RETRIES; failures++) {
            long base = 100L << failures;
            var low = (Decision.Next) FailoverPolicy.decide(new Attempt(failures, 1, failures, SOON),
                    unanswered(UpstreamFailure.REFUSED), "demo", TIMEOUTS, 0);
            var high = (Decision.Next) FailoverPolicy.decide(new Attempt(failures, 1, failures, SOON),
                    unanswered(UpstreamFailure.REFUSED), "demo", TIMEOUTS, 0.999);
            assertEquals(Duration.ofMillis(base), low.delay());
            assertEquals(Duration.ofMillis(base + (long) (0.999 * base)), high.delay());
            assertTrue(low.connectFailure(), "counted against the connect retries");
        }
    }

    @Test
    void anotherBackendIsTriedAtOnceAfterARefusal() {
        var next = (Decision.Next) FailoverPolicy.decide(first(2), unanswered(UpstreamFailure.REFUSED), "demo",
                TIMEOUTS, 0.7);
        assertEquals(Duration.ZERO, next.delay());
    }

    @Test
    void aBackoffThatWouldEndAfterTheBudgetStopsNow() {
        Decision decision = FailoverPolicy.decide(new Attempt(3, 1, 3, Duration.ofMillis(29_500)),
                unanswered(UpstreamFailure.REFUSED), "demo", TIMEOUTS, 0.5);
        assertEquals(Refusal.UPSTREAM_FAILED, assertInstanceOf(Decision.Stop.class, decision).error().refusal());
    }

    @Test
    void timeoutRefusalsSayWhichTimeAndHowLong() {
        var connect = (Decision.Stop) FailoverPolicy.decide(last(1), unanswered(UpstreamFailure.CONNECT_TIMEOUT),
                "demo", TIMEOUTS, 0);
        var firstByte = (Decision.Stop) FailoverPolicy.decide(last(1),
                unanswered(UpstreamFailure.FIRST_BYTE_TIMEOUT), "demo", TIMEOUTS, 0);
        assertTrue(connect.error().message().contains("could not be connected to within 5 s"),
                connect.error().message());
        assertTrue(firstByte.error().message().contains("did not answer within 60 s"), firstByte.error().message());
        assertEquals(504, connect.error().status());
    }

    private static Attempt first(int rotationSize) {
        return new Attempt(0, rotationSize, 0, SOON);
    }

    private static Attempt last(int rotationSize) {
        return new Attempt(rotationSize - 1, rotationSize, 0, SOON);
    }

    private static Outcome answered(int status) {
        return new Outcome.Answered(status, null);
    }

    private static Outcome unanswered(UpstreamFailure failure) {
        return new Outcome.Unanswered(failure);
    }
}
