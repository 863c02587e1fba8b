package io.tollgate.gateway.backends.control;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** What vLLM, TGI, Ollama, OpenAI, Together and Groq speak: {@code POST {base_url}/chat/completions}. */
public final class OpenAiCompatibleClient implements BackendClient {

    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final Timeouts timeouts;

    public OpenAiCompatibleClient(HttpClient http, String baseUrl, String apiKey, Timeouts timeouts) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.timeouts = timeouts;
    }

    @Override
    public Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public CompletableFuture<Void> exchange(UpstreamRequest request, ResponseHandler handler) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(timeouts.firstByte()) // the JDK's request timeout ends when the status line arrives
                .header("Content-Type", "application/json")
                .header("Accept", request.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (apiKey != null && !apiKey.isEmpty()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return http.sendAsync(builder.build(), info -> HttpResponse.BodySubscribers.fromSubscriber(
                        handler.onResponse(info.statusCode(),
                                info.headers().firstValue("Content-Type").orElse("application/json"))))
                .thenApply(response -> null);
    }

    public String baseUrl() {
        return baseUrl;
    }
}
