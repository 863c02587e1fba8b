package io.tollgate.gateway.backends.control;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where an HTTP backend lives and how to call it: the shared client for its connect timeout, its base URL, its
 * credential and timeouts. Both HTTP kinds send their requests here, so every call carries the same timeout rule.
 */
public record HttpUpstream(HttpClient http, String baseUrl, String apiKey, Timeouts timeouts) {

    /** Beyond the relay's own idle and first-byte bounds, so the relay's watch (a clear 504) always ends it first. */
    private static final long SOCKET_IDLE_MARGIN_MS = 5_000;

    public HttpUpstream {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isEmpty();
    }

    /**
     * A JSON POST to {@code baseUrl + path}, waiting at most the first-byte timeout for the status line; the body
     * goes to the subscriber the handler returns (see {@link BackendClient#exchange}).
     */
    public CompletableFuture<Void> post(String path, boolean stream, byte[] body, Map<String, String> headers,
                                        BackendClient.ResponseHandler handler) {
        long socketIdle = Math.max(timeouts.idle().toMillis(), timeouts.firstByte().toMillis()) + SOCKET_IDLE_MARGIN_MS;
        Request request = http.newRequest(baseUrl + path)
                .method(HttpMethod.POST)
                .idleTimeout(socketIdle, TimeUnit.MILLISECONDS)
                .headers(h -> {
                    h.put("Accept", stream ? "text/event-stream" : "application/json");
                    headers.forEach(h::put);
                })
                .body(new BytesRequestContent("application/json", body));
        return UpstreamExchange.send(request, http.getScheduler(), timeouts.firstByte(), handler);
    }
}
