package io.tollgate.gateway.inference.boundary;

import io.tollgate.gateway.relay.control.ClientConnection;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The relay's client end on a Jakarta REST async response, for {@link InferenceResource}: a whole body is
 * collected and resumed at once; an event stream is resumed at its first piece as a {@link StreamingOutput} that a
 * virtual thread writes from a small queue (Jakarta REST has no non-blocking entity writes; a full queue is the
 * backpressure the relay sees through {@link #ready()}).
 */
final class BlockingConnection implements ClientConnection {

    private static final ByteBuffer END = ByteBuffer.allocate(0);

    /** What the async response is resumed with: a whole body ({@code byte[]}) or a {@link StreamingOutput}. */
    record Answer(int status, Map<String, String> headers, Object entity) {
    }

    private final Consumer<Answer> resume;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream whole = new ByteArrayOutputStream();
    /** Unbounded, so that the end always fits; {@link #ready()} holds the relay to {@value #WINDOW} pieces. */
    private final BlockingQueue<ByteBuffer> pieces = new LinkedBlockingQueue<>();
    private static final int WINDOW = 8;
    private volatile Runnable writable = () -> { };
    private volatile Consumer<Throwable> gone = t -> { };
    private int status = 200;
    private boolean streaming;
    private boolean completed;

    BlockingConnection(Consumer<Answer> resume) {
        this.resume = resume;
    }

    @Override
    public void open(Runnable writable, Consumer<Throwable> gone) {
        this.writable = writable;
        this.gone = gone;
    }

    @Override
    public synchronized void status(int status) {
        this.status = status;
    }

    @Override
    public synchronized void header(String name, String value) {
        headers.put(name, value);
    }

    @Override
    public synchronized boolean committed() {
        return streaming;
    }

    @Override
    public boolean ready() {
        return pieces.size() < WINDOW;
    }

    @Override
    public synchronized void write(ByteBuffer bytes) {
        if (!streaming && String.valueOf(headers.get("Content-Type")).startsWith("text/event-stream")) {
            streaming = true;
            Answer answer = new Answer(status, Map.copyOf(headers), (StreamingOutput) this::drain);
            Thread.ofVirtual().name("tollgate-rs-stream").start(() -> resume.accept(answer));
        }
        if (streaming) {
            ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).put(bytes).flip();
            pieces.add(copy);
        } else {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            whole.write(copy, 0, copy.length);
        }
    }

    @Override
    public void flush() {
        // each piece is flushed by the writing thread
    }

    @Override
    public synchronized void complete() {
        if (completed) {
            return;
        }
        completed = true;
        if (streaming) {
            pieces.offer(END);
            return;
        }
        resume.accept(new Answer(status, Map.copyOf(headers), whole.toByteArray()));
    }

    /** The stream's writer: blocking writes, one piece at a time, on the virtual thread Jersey writes on. */
    private void drain(java.io.OutputStream out) throws IOException {
        try {
            while (true) {
                ByteBuffer piece = pieces.take();
                if (piece == END) {
                    return;
                }
                out.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
                out.flush();
                writable.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            gone.accept(e);
            throw e;
        }
    }
}
