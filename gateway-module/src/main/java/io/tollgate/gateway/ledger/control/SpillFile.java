package io.tollgate.gateway.ledger.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where usage events wait while PostgreSQL cannot take them: an append-only file of JSON lines, forced to disk on
 * every append. Each replica writes its own file and holds a lock on it while it runs; files nobody holds (a replica
 * that stopped with events still spilled) are replayed by whichever replica finds them.
 */
final class SpillFile implements AutoCloseable {

    /**
     * Files this JVM holds. They are never probed: POSIX record locks belong to the process, so opening and closing a
     * second channel on a held file would drop its lock and let another replica take it for an orphan.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path directory;
    private Path own;
    private FileChannel channel;
    private FileLock lock;

    SpillFile(Path directory) {
        try {
            Files.createDirectories(directory);
            this.directory = directory;
            this.own = directory.resolve("usage-" + UUID.randomUUID() + ".jsonl");
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the usage spill file in " + directory, e);
        }
    }

    /**
     * Creates the file under a name no replica scans, locks it, and only then gives it its {@code usage-*.jsonl}
     * name: a file another replica can see is never unlocked while its writer lives (a replica that took a freshly
     * created, not yet locked file for an orphan would delete it, and every event appended after would be lost).
     */
    private void open() throws IOException {
        Path fresh = directory.resolve(".creating-" + UUID.randomUUID());
        channel = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        lock = channel.lock();
        Files.move(fresh, own, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        HELD.add(own);
    }

    /** @return the file's size after the append when it held nothing before, else -1 */
    synchronized long append(List<UsageEvent> events) {
        StringBuilder lines = new StringBuilder();
        events.forEach(e -> lines.append(e.toJsonLine()).append('\n'));
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        try {
            boolean wasEmpty = channel.size() == 0;
            write(bytes);
            return wasEmpty ? channel.size() : -1;
        } catch (java.nio.channels.ClosedChannelException closed) {
            // An interrupted thread closed the channel: open it again rather than lose the events.
            try {
                open();
                write(bytes);
                return -1;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot spill usage events to " + own, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spill usage events to " + own, e);
        }
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    /**
     * Hands over this replica's spilled events for replay: the current file is released (and so becomes an orphan
     * anyone may replay — a second replay inserts nothing twice) and appends go on to a fresh file meanwhile.
     *
     * @return the file to replay and then delete, or null when nothing is spilled
     */
    synchronized Path takeOwn() {
        try {
            if (channel.size() == 0) {
                return null;
            }
            Path taken = own;
            lock.release();
            channel.close();
            HELD.remove(taken);
            own = directory.resolve("usage-" + UUID.randomUUID() + ".jsonl");
            open();
            return taken;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spill files of replicas that are gone: not locked by anyone, not this replica's own. */
    List<Path> orphans() {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "usage-*.jsonl")) {
            for (Path file : files) {
                if (!HELD.contains(file) && unlocked(file)) {
                    found.add(file);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return found;
    }

    private static boolean unlocked(Path file) {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = c.tryLock();
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    static List<UsageEvent> read(Path file) {
        try {
            List<UsageEvent> events = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        events.add(UsageEvent.fromJsonLine(line));
                    } catch (RuntimeException torn) {
                        // a line cut short by a crash mid-append: the rest of the file is still good
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            lock.release();
            channel.close();
            HELD.remove(own);
            if (Files.size(own) == 0) {
                Files.deleteIfExists(own);
            }
        } catch (IOException ignored) {
            // leaving a file behind is harmless: it is replayed or empty
        }
    }
}
