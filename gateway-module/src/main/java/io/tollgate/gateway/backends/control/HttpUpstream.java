package io.tollgate.gateway.backends.control;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * Where an HTTP backend lives and how to call it: the shared client for its connect timeout, its base URL, its
 * credential and timeouts. Both HTTP kinds build their requests here, so every call carries the same timeout rule.
 */
public record HttpUpstream(HttpClient http, String baseUrl, String apiKey, Timeouts timeouts) {

    public HttpUpstream {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isEmpty();
    }

    /** A JSON POST to {@code baseUrl + path}, waiting at most the first-byte timeout for the status line. */
    public HttpRequest.Builder post(String path, boolean stream, byte[] body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeouts.firstByte()) // the JDK's request timeout ends when the status line arrives
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}
