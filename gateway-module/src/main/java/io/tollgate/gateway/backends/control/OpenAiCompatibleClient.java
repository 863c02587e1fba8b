package io.tollgate.gateway.backends.control;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** What vLLM, TGI, Ollama, OpenAI, Together and Groq speak: {@code POST {base_url}/chat/completions}. */
public final class OpenAiCompatibleClient implements BackendClient {

    private final HttpUpstream upstream;

    public OpenAiCompatibleClient(HttpUpstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public Timeouts timeouts() {
        return upstream.timeouts();
    }

    @Override
    public CompletableFuture<Void> exchange(UpstreamRequest request, ResponseHandler handler) {
        HttpRequest.Builder builder = upstream.post(request.path(), request.stream(), request.body());
        if (upstream.hasApiKey()) {
            builder.header("Authorization", "Bearer " + upstream.apiKey());
        }
        return upstream.http().sendAsync(builder.build(), info -> HttpResponse.BodySubscribers.fromSubscriber(
                        handler.onResponse(info.statusCode(),
                                info.headers().firstValue("Content-Type").orElse("application/json"),
                                BackendClient.retryAfter(info.headers()))))
                .thenApply(response -> null);
    }
}
