package io.tollgate.gateway.backends.control;

import java.util.Map;
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
        return upstream.post(request.path(), request.stream(), request.body(),
                request.headersWith(upstream.hasApiKey() ? Map.of("Authorization", "Bearer " + upstream.apiKey())
                        : Map.of()), handler);
    }
}
