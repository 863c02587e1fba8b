package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.platform.ApiError;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Holds an answer being relayed to its backend's idle and total timeouts, and keeps a quiet stream open with SSE
 * comments (well before the idle timeout, so a client's own idle timer never fires first).
 */
final class RelayWatch {

    static final Duration KEEP_ALIVE_AFTER = Duration.ofSeconds(15);

    private final Timeouts timeouts;
    private final boolean stream;
    private final long startedNanos;
    private final ScheduledExecutorService timer;
    private final ClientStream client;
    private final Consumer<ApiError> timedOut;
    private volatile long lastActivityNanos;
    private volatile long lastKeepAliveNanos;

    RelayWatch(Timeouts timeouts, boolean stream, long startedNanos, ScheduledExecutorService timer,
               ClientStream client, Consumer<ApiError> timedOut) {
        this.timeouts = timeouts;
        this.stream = stream;
        this.startedNanos = startedNanos;
        this.timer = timer;
        this.client = client;
        this.timedOut = timedOut;
        this.lastActivityNanos = System.nanoTime();
        this.lastKeepAliveNanos = lastActivityNanos;
    }

    /** The upstream sent something. */
    void activity() {
        lastActivityNanos = System.nanoTime();
    }

    /** Checks until {@code over} is true or the client stream has finished. */
    void start(BooleanSupplier over) {
        long period = Math.max(100, Math.min(1000, timeouts.idle().toMillis() / 2));
        timer.schedule(() -> check(over, period), period, TimeUnit.MILLISECONDS);
    }

    private void check(BooleanSupplier over, long period) {
        if (over.getAsBoolean() || client.isFinished()) {
            return;
        }
        long now = System.nanoTime();
        if (now - startedNanos >= timeouts.total().toNanos()) {
            timedOut.accept(timeout("The backend did not finish within " + timeouts.total().toSeconds() + " s."));
            return;
        }
        if (now - lastActivityNanos >= timeouts.idle().toNanos()) {
            timedOut.accept(timeout("The backend sent nothing for " + timeouts.idle().toSeconds() + " s."));
            return;
        }
        long quiet = now - Math.max(lastActivityNanos, lastKeepAliveNanos);
        long keepAliveAfter = Math.min(KEEP_ALIVE_AFTER.toNanos(), timeouts.idle().toNanos() / 3);
        if (stream && quiet >= keepAliveAfter) {
            lastKeepAliveNanos = now;
            client.keepAlive();
        }
        timer.schedule(() -> check(over, period), period, TimeUnit.MILLISECONDS);
    }

    private static ApiError timeout(String message) {
        return Refusal.UPSTREAM_TIMEOUT.error(message + " The request was cancelled; please retry.");
    }
}
