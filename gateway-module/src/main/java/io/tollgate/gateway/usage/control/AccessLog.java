package io.tollgate.gateway.usage.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes access lines off the request threads, as Envoy does: a request only hands its line to a bounded queue, and
 * one thread writes what is queued in batches, flushing when it has caught up. Through the server's log handler each
 * line cost a formatter pass (with its own timestamp and thread name) on the thread that ended the request: 5.5 % of
 * the gateway's CPU under load (JFR). When the writer cannot keep up the queue drops lines and counts them — a busy
 * disk must not slow or stop requests; the ledger, not this log, is the record of what was used.
 */
public final class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class.getName());
    static final int BATCH = 512;

    private final OutputStream out;
    private final BlockingQueue<String> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean stopping;

    public AccessLog(OutputStream out, int capacity) {
        this.out = out;
        this.queue = new ArrayBlockingQueue<>(capacity);
        // Virtual: it blocks on the queue and on the output, never on the request path.
        this.writer = Thread.ofVirtual().name("tollgate-access-log").start(this::run);
    }

    /** Queues one line (no newline); false, and counted, when the queue is full. Never blocks. */
    public boolean offer(String line) {
        if (queue.offer(line)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    private void run() {
        List<String> batch = new ArrayList<>(BATCH);
        StringBuilder text = new StringBuilder(BATCH * 320);
        while (!stopping || !queue.isEmpty()) {
            try {
                String first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (String line : batch) {
                    text.append(line).append('\n');
                }
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                if (queue.isEmpty()) {
                    out.flush();
                }
                written.addAndGet(batch.size());
            } catch (InterruptedException e) {
                stopping = true;
            } catch (IOException | RuntimeException e) {
                dropped.addAndGet(batch.size());
                LOG.log(Level.WARNING, "Access lines could not be written: " + e);
            } finally {
                batch.clear();
                text.setLength(0);
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Flushing the access log", e);
        }
    }

    /** Writes what is queued, then stops; waits at most {@code millis}. */
    public void stop(long millis) {
        stopping = true;
        try {
            writer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
