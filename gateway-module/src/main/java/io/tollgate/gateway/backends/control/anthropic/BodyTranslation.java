package io.tollgate.gateway.backends.control.anthropic;

import java.nio.ByteBuffer;
import java.util.List;

/** Turns an upstream body, piece by piece as it arrives, into OpenAI wire bytes: streamed, whole, or an error. */
interface BodyTranslation {

    /** What to pass on for this piece of the upstream body (possibly nothing yet). */
    List<ByteBuffer> accept(ByteBuffer piece);

    /** What is left to pass on once the upstream body has ended. */
    List<ByteBuffer> finish();
}
