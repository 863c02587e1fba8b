package io.tollgate.gateway.messages.control;

import io.tollgate.gateway.dialect.BodyTransform;
import io.tollgate.gateway.dialect.ClientDialect;
import java.util.function.IntSupplier;
import io.tollgate.gateway.platform.ApiError;
import jakarta.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Anthropic's Messages API as a client dialect: errors as {@code {"type":"error","error":{"type","message"}}} with
 * Anthropic's error type for the status, a whole chat completion as a {@code message}, and a chat completion stream
 * as Anthropic's event sequence. Stateless; each response gets its own transform.
 */
public final class AnthropicDialect implements ClientDialect {

    public static final AnthropicDialect INSTANCE = new AnthropicDialect();

    private AnthropicDialect() {
    }

    @Override
    public byte[] errorBody(ApiError error) {
        return MessageTranslation.error(error).toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] streamErrorEvent(ApiError error) {
        return MessageTranslation.event("error", MessageTranslation.error(error)).getBytes(StandardCharsets.UTF_8);
    }

    /** The usage chunk ends the OpenAI stream, and its counts go into the closing message_delta. */
    @Override
    public boolean needsUsageChunk() {
        return true;
    }

    @Override
    public BodyTransform responseTransform(boolean stream, String publicModel, JsonObject request,
                                           IntSupplier promptTokens) {
        if (stream) {
            // Tollgate's count of the prompt, for message_start, which goes out before the upstream reports usage.
            return new MessageEventStream(publicModel, () -> {
                try {
                    return promptTokens.getAsInt();
                } catch (RuntimeException unexpected) {
                    return 0;
                }
            });
        }
        return new WholeMessage(publicModel);
    }

    /** Collects a whole body and answers it as a message (or an Anthropic error) once it has ended. */
    private static final class WholeMessage implements BodyTransform {
        private final String publicModel;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        WholeMessage(String publicModel) {
            this.publicModel = publicModel;
        }

        @Override
        public List<ByteBuffer> accept(List<ByteBuffer> pieces) {
            for (ByteBuffer piece : pieces) {
                byte[] bytes = new byte[piece.remaining()];
                piece.get(bytes);
                body.write(bytes, 0, bytes.length);
            }
            return List.of();
        }

        @Override
        public List<ByteBuffer> finish() {
            return List.of(ByteBuffer.wrap(MessageTranslation.body(body.toByteArray(), publicModel)));
        }
    }
}
