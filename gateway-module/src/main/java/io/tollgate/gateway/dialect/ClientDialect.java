package io.tollgate.gateway.dialect;

import io.tollgate.gateway.platform.ApiError;
import jakarta.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * The API a client speaks. The relay always works in OpenAI's wire format; a dialect turns its errors and its
 * (already shaped) responses into what the client expects. Two exist: OpenAI's (no change) and Anthropic's
 * Messages API.
 */
public interface ClientDialect {

    /** The body of an error response, in this dialect's shape. */
    byte[] errorBody(ApiError error);

    /** An SSE event reporting an error after the stream has begun. */
    byte[] streamErrorEvent(ApiError error);

    /** Whether the relay must keep the upstream's usage chunk in the OpenAI stream it hands to {@link #responseTransform}. */
    boolean needsUsageChunk();

    /**
     * The last stage of the response: from OpenAI's shape (public model name, usage chunk if asked for) to this
     * dialect's. It also sees the OpenAI-shaped error body of a 4xx answer ({@code {"error":{…}}}), passed through
     * from the upstream. {@code request} is the client's own request, before any translation; {@code promptTokens}
     * counts its prompt (once, and only if asked).
     */
    BodyTransform responseTransform(boolean stream, String publicModel, JsonObject request, IntSupplier promptTokens);

    ClientDialect OPENAI = new ClientDialect() {
        @Override
        public byte[] errorBody(ApiError error) {
            return error.toBytes();
        }

        @Override
        public byte[] streamErrorEvent(ApiError error) {
            return ("data: " + error.toJson() + "\n\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean needsUsageChunk() {
            return false;
        }

        @Override
        public BodyTransform responseTransform(boolean stream, String publicModel, JsonObject request,
                                               IntSupplier promptTokens) {
            return BodyTransform.IDENTITY;
        }
    };
}
