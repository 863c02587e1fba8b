package io.tollgate.runner;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (zonky's binaries from Maven Central) whose files live in the data directory, so a developer
 * needs no database installed and keeps data across restarts. Listens on localhost only, on a port free at start.
 */
final class EmbeddedDatabase implements AutoCloseable {

    /** The lock zonky holds in the data directory while its JVM runs PostgreSQL there. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** True when the directory holds no initialised cluster yet: the app will find an empty database. */
    static boolean isFresh(Path dataDirectory) {
        return !Files.exists(dataDirectory.resolve("PG_VERSION"));
    }

    static EmbeddedDatabase start(Path dataDirectory, Path logFile) throws IOException {
        Files.createDirectories(dataDirectory);
        stopServerLeftByDeadRunner(dataDirectory);
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        try {
            return new EmbeddedDatabase(builder(dataDirectory, log).start());
        } catch (IOException | RuntimeException e) {
            throw new IOException("PostgreSQL did not start (its log: " + logFile + ")", e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory, ProcessBuilder.Redirect log) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(LocalPorts.freePort())
                .setServerConfig("listen_addresses", "localhost")
                // zonky turns this off for tests; here the data is the developer's configuration, so keep commits durable.
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(log)
                .setErrorRedirector(log);
    }

    DatabaseConnection connection() {
        // Trust authentication on localhost: the password is ignored, but some DataSource configurations require one.
        return new DatabaseConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "postgres");
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * A runner killed with SIGKILL leaves its PostgreSQL running (pg_ctl detaches it), and a new postmaster would
     * then refuse the data directory. If no live runner holds zonky's lock, a postmaster still serving this
     * directory is such an orphan: stop it.
     */
    private static void stopServerLeftByDeadRunner(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try (FileChannel channel = new FileOutputStream(dataDirectory.resolve(ZONKY_LOCK_FILE).toFile(), true).getChannel();
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Another Tollgate runner is using the database in " + dataDirectory
                        + "; stop it or set TOLLGATE_DATA_DIR to another directory.");
            }
            Optional<ProcessHandle> orphan = postmasterServing(dataDirectory, pidFile);
            if (orphan.isPresent()) {
                System.out.println("Stopping a PostgreSQL left running by an earlier run (pid " + orphan.get().pid() + ")…");
                stop(orphan.get());
            }
        }
    }

    private static Optional<ProcessHandle> postmasterServing(Path dataDirectory, Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // The pid may have been reused since: only a postgres serving this very directory is ours to stop.
        String directory = dataDirectory.toAbsolutePath().normalize().toString();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false))
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(directory));
    }

    private static void stop(ProcessHandle postmaster) {
        postmaster.destroy(); // SIGTERM: smart shutdown; no client is left once its runner is gone.
        try {
            postmaster.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception timedOut) {
            postmaster.destroyForcibly();
        }
    }
}
