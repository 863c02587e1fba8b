package io.tollgate.gateway.inference.boundary;

import io.tollgate.gateway.platform.WriteQueueCap;
import io.tollgate.gateway.relay.control.ClientConnection;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** The relay's client end on an async servlet response: the container's non-blocking output stream. */
final class ServletConnection implements ClientConnection {

    private final AsyncContext async;
    private final HttpServletResponse response;
    private final ServletOutputStream out;
    private final ClientHangUp hangUp;

    ServletConnection(AsyncContext async, ClientHangUp hangUp) throws IOException {
        this.async = async;
        this.hangUp = hangUp;
        this.response = (HttpServletResponse) async.getResponse();
        this.out = response.getOutputStream();
    }

    @Override
    public void open(Runnable writable, Consumer<Throwable> gone) {
        WriteQueueCap.apply(response);
        // A client that hangs up is seen on the next write (streams: at once) or by the container's async events;
        // a non-streamed request waiting for its first byte is bounded by the backend's timeouts. (Asking Grizzly
        // to read the connection meanwhile, to see a hang-up sooner, corrupted keep-alive connections: ~1 in 5,000
        // next requests stalled or lost its body. Measured, then removed.)
        hangUp.onHangUp(() -> gone.accept(null));
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
                writable.run();
            }

            @Override
            public void onError(Throwable clientError) {
                gone.accept(clientError);
            }
        });
    }

    @Override
    public void status(int status) {
        response.setStatus(status);
    }

    @Override
    public void header(String name, String value) {
        if ("Content-Type".equals(name)) {
            response.setContentType(value);
        } else {
            response.setHeader(name, value);
        }
    }

    @Override
    public boolean committed() {
        return response.isCommitted();
    }

    @Override
    public boolean ready() {
        return out.isReady();
    }

    @Override
    public void write(ByteBuffer b) throws IOException {
        if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            out.write(copy);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // The container completed it already (client gone or timeout).
        }
    }
}
