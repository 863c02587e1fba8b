package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.dialect.ClientDialect;
import jakarta.json.JsonObject;

import java.util.function.Function;

/**
 * One API an inference client speaks: how its body becomes a {@link ParsedRequest} (refusing bad input by
 * throwing), and the dialect its answers and refusals go back in. OpenAI's chat completions, completions and
 * embeddings and Anthropic's Messages are surfaces over the one pipeline.
 *
 * @param operation what its calls are in OpenTelemetry's words ({@code gen_ai.operation.name}: chat, embeddings, …)
 */
public record Surface(ClientDialect dialect, Function<JsonObject, ParsedRequest> parser, String operation) {

    /** An OpenAI endpoint: the body is already in OpenAI's shape. */
    public static Surface openAi(InferenceEndpoint endpoint) {
        return new Surface(ClientDialect.OPENAI,
                body -> new ParsedRequest(endpoint.validate(body), endpoint, body, body, endpoint.streamed(body)),
                endpoint.operation());
    }
}
