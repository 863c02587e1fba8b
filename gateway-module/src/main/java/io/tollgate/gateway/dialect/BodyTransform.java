package io.tollgate.gateway.dialect;

import java.nio.ByteBuffer;
import java.util.List;

/** One stage a response body passes through on its way to the client, piece by piece. */
public interface BodyTransform {

    /** What to pass on for these bytes (possibly nothing yet). */
    List<ByteBuffer> accept(List<ByteBuffer> pieces);

    /** What is left to pass on once the input has ended. */
    List<ByteBuffer> finish();

    BodyTransform IDENTITY = new BodyTransform() {
        @Override
        public List<ByteBuffer> accept(List<ByteBuffer> pieces) {
            return pieces;
        }

        @Override
        public List<ByteBuffer> finish() {
            return List.of();
        }
    };
}
