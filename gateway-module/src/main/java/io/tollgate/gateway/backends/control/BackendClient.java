package io.tollgate.gateway.backends.control;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One kind of upstream (OpenAI-compatible HTTP, the simulator, …). An exchange reports the upstream's status first,
 * then streams the body to the subscriber the handler returns, honouring that subscriber's demand (backpressure).
 */
public interface BackendClient {

    /**
     * Starts one exchange. The future fails if the upstream could not be reached before it answered
     * (nothing was received, so another backend may be tried).
     */
    CompletableFuture<Void> exchange(UpstreamRequest request, ResponseHandler handler);

    /** How long to wait for this backend; the relay enforces idle and total, the client connect and first byte. */
    default Timeouts timeouts() {
        return Timeouts.DEFAULTS;
    }

    /** Who serves the model, as OpenTelemetry's {@code gen_ai.provider.name} names it. */
    default String providerName() {
        return "openai";
    }

    /**
     * Called once with the upstream's status line; returns who consumes the body.
     *
     * @param retryAfter the upstream's {@code Retry-After} (a 429 or 503), or null
     */
    interface ResponseHandler {
        Flow.Subscriber<List<ByteBuffer>> onResponse(int status, String contentType, java.time.Duration retryAfter);
    }

    /** A {@code Retry-After} header in seconds (the HTTP-date form is rare from LLM APIs and read as absent). */
    static java.time.Duration retryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds >= 0 ? java.time.Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
