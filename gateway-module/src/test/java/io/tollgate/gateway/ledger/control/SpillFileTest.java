package io.tollgate.gateway.ledger.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spill files shared by replicas in one directory. Locks are checked from a second JVM, as another replica sees them:
 * POSIX record locks are per process, so only another process can tell whether a file is still held.
 */
class SpillFileTest {

    @TempDir
    Path directory;

    @Test
    void aHeldFileIsNeverAnOrphanAndProbingItKeepsItsLock() throws Exception {
        try (SpillFile writing = new SpillFile(directory); SpillFile other = new SpillFile(directory)) {
            writing.append(List.of(event("a")));
            Path held = onlyFileOf(writing, other);

            assertEquals(List.of(), other.orphans(), "a file this JVM holds is not an orphan");
            assertEquals(List.of(), other.orphans());
            assertEquals("held", probeFromAnotherProcess(held), "probing must not drop the writer's lock");
        }
    }

    @Test
    void aFileLeftBehindIsAnOrphanWithItsEvents() throws Exception {
        Path left;
        try (SpillFile stopped = new SpillFile(directory)) {
            stopped.append(List.of(event("b"), event("c")));
            try (Stream<Path> files = Files.list(directory)) {
                left = files.filter(f -> f.getFileName().toString().startsWith("usage-")).findFirst().orElseThrow();
            }
        }
        try (SpillFile survivor = new SpillFile(directory)) {
            assertEquals(List.of(left), survivor.orphans());
            assertEquals(List.of("b", "c"), SpillFile.read(left).stream().map(UsageEvent::model).toList());
        }
    }

    @Test
    void aFreshFileAppearsUnderItsScannedNameOnlyOnceLocked() throws Exception {
        try (SpillFile fresh = new SpillFile(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                List<Path> all = files.toList();
                assertEquals(1, all.size(), "no half-created file is left behind: " + all);
                assertTrue(all.get(0).getFileName().toString().matches("usage-.*\\.jsonl"));
                assertEquals("held", probeFromAnotherProcess(all.get(0)));
            }
            Path taken = fresh.takeOwn();
            assertEquals(null, taken, "nothing spilled, nothing to hand over");
        }
    }

    private Path onlyFileOf(SpillFile writing, SpillFile other) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> nonEmpty = files.filter(f -> {
                try {
                    return Files.size(f) > 0;
                } catch (java.io.IOException e) {
                    return false;
                }
            }).toList();
            assertEquals(1, nonEmpty.size(), nonEmpty.toString());
            return nonEmpty.get(0);
        }
    }

    /** Runs a one-file Java program in a new JVM that tries the lock: "held" or "free". */
    private String probeFromAnotherProcess(Path file) throws Exception {
        Path probe = Files.createTempFile("LockProbe", ".java");
        Files.writeString(probe, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class LockProbe {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {
                            var lock = c.tryLock();
                            System.out.print(lock == null ? "held" : "free");
                        }
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), probe.toString(), file.toString()).redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes()).trim();
        Files.deleteIfExists(probe);
        return out;
    }

    private static UsageEvent event(String model) {
        Instant at = Instant.parse("2026-11-27T00:00:00Z");
        return new UsageEvent(java.util.UUID.randomUUID(), at, "proj_1", "key_1", model, "backend_1", "completions",
                10, 0, 5, 120, 40, 200, false, false, false, 5000L, at);
    }
}
