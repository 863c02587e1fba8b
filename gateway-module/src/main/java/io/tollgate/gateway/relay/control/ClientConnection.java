package io.tollgate.gateway.relay.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The client's end of a relay as the container offers it: headers until the first write, then non-blocking writes.
 * The servlet container's async response is the one in production; tests drive the relay through a fake.
 */
public interface ClientConnection {

    /** Starts non-blocking writes: {@code writable} runs whenever writing may go on, {@code gone} if the client left. */
    void open(Runnable writable, Consumer<Throwable> gone);

    void status(int status);

    void header(String name, String value);

    /** Whether the status line and headers have gone out already. */
    boolean committed();

    /** Whether a write now would be taken without blocking; if not, {@code writable} runs once it would. */
    boolean ready();

    void write(ByteBuffer bytes) throws IOException;

    void flush() throws IOException;

    /** Ends the response (idempotent). */
    void complete();
}
