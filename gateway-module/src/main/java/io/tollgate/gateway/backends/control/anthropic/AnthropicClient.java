package io.tollgate.gateway.backends.control.anthropic;

import io.tollgate.gateway.backends.control.BackendClient;
import io.tollgate.gateway.backends.control.HttpUpstream;
import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.backends.control.UpstreamRequest;
import io.tollgate.gateway.platform.ApiError;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Anthropic's Messages API ({@code POST {base_url}/messages}, base URL such as https://api.anthropic.com/v1) behind
 * the OpenAI surface: the request is translated on the way out, the answer on the way back, streams event by event.
 * A request Anthropic cannot express is answered here with a 400, without a round trip.
 */
public final class AnthropicClient implements BackendClient {

    @Override
    public String providerName() {
        return "anthropic";
    }


    public static final String API_VERSION = "2023-06-01";
    private static final String CHAT_COMPLETIONS = "/chat/completions";

    private final HttpUpstream upstream;

    public AnthropicClient(HttpUpstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public Timeouts timeouts() {
        return upstream.timeouts();
    }

    @Override
    public CompletableFuture<Void> exchange(UpstreamRequest request, ResponseHandler handler) {
        if (!CHAT_COMPLETIONS.equals(request.path())) {
            return LocalAnswer.send(handler, new ApiError(404, "This model is served by Anthropic's Messages API, which "
                    + "Tollgate offers only as /v1/chat/completions, not /v1" + request.path() + ".",
                    "invalid_request_error", null, "unsupported_endpoint"));
        }
        JsonObject messages;
        try {
            messages = AnthropicRequestTranslation.messagesRequest(request.json(), request.stream());
        } catch (AnthropicRequestTranslation.Untranslatable e) {
            return LocalAnswer.send(handler, e.error());
        }
        String model = request.json().getString("model", "");
        boolean includeUsage = request.json().get("stream_options") instanceof JsonObject o
                && o.get("include_usage") == JsonValue.TRUE;
        Map<String, String> headers = upstream.hasApiKey()
                ? Map.of("anthropic-version", API_VERSION, "x-api-key", upstream.apiKey())
                : Map.of("anthropic-version", API_VERSION);
        return upstream.post("/messages", request.stream(), messages.toString().getBytes(StandardCharsets.UTF_8),
                request.headersWith(headers), (status, upstreamContentType, retryAfter) -> {
                    long created = Instant.now().getEpochSecond();
                    BodyTranslation translation;
                    String contentType;
                    if (status < 200 || status > 299) {
                        translation = new WholeBodyTranslation(body -> AnthropicResponseTranslation.error(status, body)
                                .toBytes());
                        contentType = "application/json";
                    } else if (upstreamContentType.startsWith("text/event-stream")) {
                        translation = new AnthropicStreamTranslation(model, includeUsage, created);
                        contentType = "text/event-stream";
                    } else {
                        translation = new WholeBodyTranslation(body -> AnthropicResponseTranslation.completion(body,
                                model, created));
                        contentType = "application/json";
                    }
                    return new TranslatedBody(translation, handler.onResponse(status, contentType, retryAfter));
                });
    }

    /** An answer Tollgate gives in the backend's place: one JSON body, sent when asked for. */
    private static final class LocalAnswer implements Flow.Subscription {
        private final Flow.Subscriber<List<ByteBuffer>> subscriber;
        private final byte[] body;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private boolean over;

        private LocalAnswer(Flow.Subscriber<List<ByteBuffer>> subscriber, byte[] body) {
            this.subscriber = subscriber;
            this.body = body;
        }

        static CompletableFuture<Void> send(ResponseHandler handler, ApiError error) {
            LocalAnswer answer = new LocalAnswer(handler.onResponse(error.status(), "application/json", null),
                    error.toBytes());
            answer.subscriber.onSubscribe(answer);
            return answer.done;
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                if (over) {
                    return;
                }
                over = true;
            }
            if (n <= 0) {
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
            } else {
                subscriber.onNext(List.of(ByteBuffer.wrap(body)));
                subscriber.onComplete();
            }
            done.complete(null);
        }

        @Override
        public void cancel() {
            synchronized (this) {
                over = true;
            }
            done.complete(null);
        }
    }
}
