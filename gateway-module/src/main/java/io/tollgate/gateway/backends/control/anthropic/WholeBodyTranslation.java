package io.tollgate.gateway.backends.control.anthropic;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.UnaryOperator;

/** Collects a body that only means something whole (a message, an error), then translates it at the end. */
final class WholeBodyTranslation implements BodyTranslation {

    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final UnaryOperator<byte[]> translate;

    WholeBodyTranslation(UnaryOperator<byte[]> translate) {
        this.translate = translate;
    }

    @Override
    public List<ByteBuffer> accept(ByteBuffer piece) {
        byte[] bytes = new byte[piece.remaining()];
        piece.get(bytes);
        body.write(bytes, 0, bytes.length);
        if (body.size() > MAX_BODY_BYTES) {
            throw new IllegalStateException("upstream body exceeded " + MAX_BODY_BYTES + " bytes");
        }
        return List.of();
    }

    @Override
    public List<ByteBuffer> finish() {
        return List.of(ByteBuffer.wrap(translate.apply(body.toByteArray())));
    }
}
