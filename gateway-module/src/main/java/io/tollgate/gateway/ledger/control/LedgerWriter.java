package io.tollgate.gateway.ledger.control;

import io.tollgate.gateway.platform.DirectConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes usage events in batches on a thread of its own: one statement per batch inserts the events and adds them to
 * the hourly and daily rollups (an event already present — a replay — adds nothing). A bounded queue sits between
 * the request path and the writer; when it is full, or PostgreSQL cannot take a batch, events go to the spill file,
 * which is replayed first once the database answers. On close the queue is drained (or spilled) before returning.
 */
public final class LedgerWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LedgerWriter.class.getName());
    static final int MAX_BATCH = 5000;
    static final Duration FLUSH_EVERY = Duration.ofMillis(200);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final DirectConnection session;
    private final SpillFile spill;
    private final Clock clock;
    private final int retentionDays;
    private final BlockingQueue<UsageEvent> queue;
    private final Set<LocalDate> partitions = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile Instant databaseBackAt = Instant.MIN;
    private boolean databaseDown;
    private LocalDate maintainedOn;
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong spilled = new AtomicLong();

    public LedgerWriter(DirectConnection session, Path spillDirectory, Clock clock, int capacity, int retentionDays) {
        this.session = session;
        this.spill = new SpillFile(spillDirectory);
        this.clock = clock;
        this.retentionDays = retentionDays;
        this.queue = new ArrayBlockingQueue<>(capacity);
        // Virtual: it blocks on the queue, on JDBC and on the spill file.
        this.thread = Thread.ofVirtual().name("tollgate-ledger-writer").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Never blocks for the database and never drops: a full queue spills straight to disk. */
    public void record(UsageEvent event) {
        gate.readLock().lock(); // shared: many requests at once; only close() takes it exclusively
        try {
            if (!running || !queue.offer(event)) {
                // Closing (nobody will drain the queue again) or full: straight to disk.
                spill.append(List.of(event));
                spilled.incrementAndGet();
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Statements the writer sent, events it wrote and events it spilled so far (for the write-load figures). */
    public record Counts(long statements, long written, long spilled, int queued) {
    }

    /** How long the oldest queued event has waited, in seconds (0 when the queue is empty). */
    public double lagSeconds() {
        UsageEvent oldest = queue.peek();
        return oldest == null ? 0 : Math.max(0, java.time.Duration.between(oldest.occurredAt(), clock.instant())
                .toMillis() / 1000.0);
    }

    public Counts counts() {
        return new Counts(statements.get(), written.get(), spilled.get(), queue.size());
    }

    /** Collects a batch for up to {@link #FLUSH_EVERY} after its first event (or until full), then writes it. */
    private void run() {
        List<UsageEvent> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                UsageEvent first = queue.poll(FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    long deadline = System.nanoTime() + FLUSH_EVERY.toNanos();
                    while (batch.size() < MAX_BATCH && running) {
                        queue.drainTo(batch, MAX_BATCH - batch.size());
                        long left = deadline - System.nanoTime();
                        if (batch.size() >= MAX_BATCH || left <= 0) {
                            break;
                        }
                        UsageEvent next = queue.poll(left, TimeUnit.NANOSECONDS);
                        if (next != null) {
                            batch.add(next);
                        }
                    }
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                }
            } catch (InterruptedException e) {
                // closing: fall through and drain what is left
            }
            step(batch);
            batch.clear();
        }
    }

    /**
     * One turn. The batch is first appended to the spill file (fsynced: a write-ahead log), then everything in the
     * file is written to PostgreSQL and the file emptied. A process that dies at any point — SIGKILL included —
     * leaves its events on disk, and their replay inserts each once (events carry their ids).
     */
    private void step(List<UsageEvent> batch) {
        long onlyBatch = batch.isEmpty() ? -1 : spill.append(batch);
        if (clock.instant().isBefore(databaseBackAt)) {
            if (!batch.isEmpty()) {
                spilled.addAndGet(batch.size());
            }
            return;
        }
        try {
            maintain();
            replaySpilled(batch, onlyBatch);
            if (databaseDown) {
                databaseDown = false;
                LOG.info("Usage ledger: PostgreSQL takes events again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!databaseDown) {
                databaseDown = true;
                LOG.log(Level.WARNING, "Usage ledger: PostgreSQL did not take a batch ({0}); keeping events on disk "
                        + "and retrying every {1} s", new Object[]{e.getMessage(), RETRY_AFTER.toSeconds()});
            }
            if (!batch.isEmpty()) {
                spilled.addAndGet(batch.size());
            }
            session.close();
            databaseBackAt = clock.instant().plus(RETRY_AFTER);
        }
    }

    /**
     * @param batch     the batch just appended
     * @param onlyBatch the file's size when the batch was all it held (else -1): then, if nothing was appended
     *                  since, the batch is written from memory rather than read back and parsed again
     */
    private void replaySpilled(List<UsageEvent> batch, long onlyBatch) throws SQLException {
        Path taken = spill.takeOwn();
        if (taken != null) {
            List<UsageEvent> events = onlyBatch > 0 && sizeOf(taken) == onlyBatch ? batch : SpillFile.read(taken);
            writeAll(events);
            deleteQuietly(taken);
            if (events.size() > MAX_BATCH) {
                LOG.log(Level.INFO, "Usage ledger: replayed {0} spilled events", events.size());
            }
        }
        for (Path orphan : spill.orphans()) {
            List<UsageEvent> events = SpillFile.read(orphan);
            writeAll(events);
            deleteQuietly(orphan);
            LOG.log(Level.INFO, "Usage ledger: replayed {0} events another replica had spilled", events.size());
        }
    }

    private static long sizeOf(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            return -2;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            LOG.log(Level.WARNING, "Could not remove replayed spill file " + file, e);
        }
    }

    private void writeAll(List<UsageEvent> events) throws SQLException {
        for (int i = 0; i < events.size(); i += MAX_BATCH) {
            write(events.subList(i, Math.min(events.size(), i + MAX_BATCH)));
        }
    }

    /** Once a day: partitions a week ahead, and those past the retention dropped. */
    private void maintain() throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (today.equals(maintainedOn)) {
            return;
        }
        Connection c = session.get();
        UsagePartitions.create(c, UsagePartitions.ahead(today));
        partitions.addAll(UsagePartitions.ahead(today));
        List<String> expired = UsagePartitions.expired(UsagePartitions.existing(c), today, retentionDays);
        if (!expired.isEmpty()) {
            UsagePartitions.drop(c, expired);
            LOG.log(Level.INFO, "Usage ledger: dropped partitions past the {0}-day retention: {1}",
                    new Object[]{retentionDays, expired});
        }
        maintainedOn = today;
    }

    void write(List<UsageEvent> events) throws SQLException {
        Connection c = session.get();
        Set<LocalDate> missing = new HashSet<>();
        for (UsageEvent e : events) {
            LocalDate day = LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC);
            if (!partitions.contains(day)) {
                missing.add(day);
            }
        }
        if (!missing.isEmpty()) {
            UsagePartitions.create(c, List.copyOf(missing));
            partitions.addAll(missing);
        }
        UsageBatchInsert.insert(c, events);
        statements.incrementAndGet();
        written.addAndGet(events.size());
    }

    /**
     * Stops taking events and puts what is still queued on disk (milliseconds: a stopping process gets little grace,
     * and Payara may end the JVM soon after SIGTERM). The spill is replayed by the next start, or by another replica
     * at once; the batch the writer was on is on disk already (write-ahead).
     */
    @Override
    public void close() {
        gate.writeLock().lock(); // no event is being queued while the writer stops taking them
        try {
            running = false; // not an interrupt: it would close the spill file's channel mid-write
        } finally {
            gate.writeLock().unlock();
        }
        List<UsageEvent> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            spill.append(left);
            spilled.addAndGet(left.size());
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis()); // its batch in flight is on disk either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spill.close();
        session.close();
    }
}
