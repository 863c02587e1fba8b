package io.tollgate.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./tollgate run}: starts PostgreSQL (unless TOLLGATE_DB_URL names one) and Payara Micro with tollgate.war,
 * waits until Tollgate is ready, prints where to reach it and with which credentials, and stops everything on
 * Ctrl-C. It runs until stopped; exit codes: 1 failed to start or stopped unexpectedly, 2 port in use, 128+n
 * stopped by signal n (130 for Ctrl-C).
 */
public final class TollgateRunner {

    static final int EXIT_FAILED = 1;
    static final int EXIT_PORT_IN_USE = 2;
    static final long READY_TIMEOUT_SECONDS = 300;
    static final long POLL_MILLIS = 500;
    static final int LOG_LINES_ON_FAILURE = 30;
    static final int FIRST_ERROR_LINES = 6;
    static final long PROGRESS_EVERY_SECONDS = 30;

    private final RunnerSettings settings;
    private final Map<String, String> environment;
    private final StopSequence stopSequence = new StopSequence();
    private final long startedNanos;

    private TollgateRunner(RunnerSettings settings, Map<String, String> environment, long startedNanos) {
        this.settings = settings;
        this.environment = environment;
        this.startedNanos = startedNanos;
    }

    public static void main(String[] args) {
        long startedNanos = System.nanoTime();
        quietLibraryLogging();
        RunnerSettings settings;
        try {
            settings = RunnerSettings.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_FAILED);
            return;
        }
        if (LocalPorts.isInUse(settings.port())) {
            System.err.println("Port " + settings.port() + " is already in use; stop what holds it or set TOLLGATE_PORT");
            System.exit(EXIT_PORT_IN_USE);
        }
        for (Path required : List.of(settings.war(), settings.payaraMicroJar())) {
            if (!Files.isRegularFile(required)) {
                System.err.println("Missing " + required + "; build first with ./tollgate build");
                System.exit(EXIT_FAILED);
            }
        }
        int exitCode = new TollgateRunner(settings, System.getenv(), startedNanos).run();
        System.exit(exitCode);
    }

    private int run() {
        stopSequence.install();
        try {
            return startAndServe();
        } catch (StopSequence.StopRequested stopping) {
            return waitForSignalHandlerToExit();
        } catch (Exception e) {
            if (stopSequence.isRequested()) {
                return waitForSignalHandlerToExit();
            }
            System.err.println("Tollgate could not start: " + describe(e));
            stopSequence.stop();
            return EXIT_FAILED;
        }
    }

    /** True when joining a database another Tollgate already set up. */
    private boolean sharedDatabase;

    private int startAndServe() throws IOException, InterruptedException {
        DataDirectory data = DataDirectory.open(settings.dataDirectory());
        Optional<DatabaseConnection> externalDatabase = DatabaseConnection.fromEnvironment(environment);
        boolean freshDatabase = externalDatabase.isEmpty() && EmbeddedDatabase.isFresh(data.postgresData());
        // A shared database another Tollgate set up: nothing is seeded, so no generated secret would be true.
        sharedDatabase = externalDatabase.map(DatabaseConnection::holdsTollgate).orElse(false);
        FirstStartSecrets firstStartSecrets = new FirstStartSecrets(data, new SecretTokens());
        StartSecrets secrets = sharedDatabase ? firstStartSecrets.resolveJoining(environment)
                : firstStartSecrets.resolve(environment, freshDatabase);
        if (sharedDatabase && environment.get("TOLLGATE_ENCRYPTION_KEY") == null) {
            System.out.println("Joining a database another Tollgate set up: set TOLLGATE_ENCRYPTION_KEY to the key it "
                    + "uses, or the provider credentials it stored cannot be read here.");
        }

        DatabaseConnection database;
        if (externalDatabase.isPresent()) {
            database = externalDatabase.get();
            System.out.println("Using the database at " + database.url());
        } else {
            database = startEmbeddedDatabase(data, freshDatabase);
        }

        ServerLog log = ServerLog.beginRun(data.serverLog());
        if (stopSequence.isRequested()) {
            throw new StopSequence.StopRequested();
        }
        System.out.println("Starting Tollgate on port " + settings.port() + " (logs: " + display(log.file()) + ")…");
        long serverStartNanos = System.nanoTime();
        java.nio.file.Files.writeString(data.preBootCommands(), PayaraProcess.PRE_BOOT_COMMANDS);
        List<String> command = PayaraProcess.command(javaExecutable(), settings.payaraJvmOptions(),
                settings.payaraMicroJar(), settings.war(), settings.port(), data.payaraRoot(), data.preBootCommands());
        PayaraProcess server = stopSequence.startServer(() ->
                PayaraProcess.start(command, appEnvironment(database, secrets, data), data.payaraRoot(), log.file()));

        Startup outcome = waitUntilReady(server, log);
        if (outcome != Startup.READY) {
            return failedStart(outcome, log);
        }
        firstStartSecrets.confirmStarted();
        printReady(secrets, System.nanoTime() - serverStartNanos);
        return serveUntilStopped(server, log);
    }

    private DatabaseConnection startEmbeddedDatabase(DataDirectory data, boolean fresh) throws IOException {
        System.out.println((fresh ? "Creating" : "Starting") + " PostgreSQL (data: " + display(data.postgresData()) + ")…");
        long started = System.nanoTime();
        EmbeddedDatabase embedded = stopSequence.startDatabase(() ->
                EmbeddedDatabase.start(data.postgresData(), data.postgresLog()));
        System.out.println("PostgreSQL ready on localhost:" + embedded.port() + " in " + seconds(System.nanoTime() - started) + ".");
        return embedded.connection();
    }

    /** What the app reads at startup; on an empty database it creates the admin user and seeds the demo project from it. */
    private Map<String, String> appEnvironment(DatabaseConnection database, StartSecrets secrets, DataDirectory data) {
        Map<String, String> app = new HashMap<>(database.asEnvironment());
        secrets.adminPassword().ifPresent(password -> app.put(FirstStartSecrets.ADMIN_PASSWORD, password));
        secrets.adminApiKey().ifPresent(key -> app.put(FirstStartSecrets.ADMIN_API_KEY, key));
        app.put("TOLLGATE_DEMO_API_KEY", secrets.demoApiKey());
        app.put(FirstStartSecrets.ENCRYPTION_KEY, secrets.encryptionKey());
        app.put("TOLLGATE_SEED_DEMO", environment.getOrDefault("TOLLGATE_SEED_DEMO", "true"));
        // Usage events wait here while the database is away; kept with the rest of the data, replayed on next start.
        app.put("TOLLGATE_SPILL_DIR", environment.getOrDefault("TOLLGATE_SPILL_DIR", data.usageSpill().toString()));
        // Tracing as the image and the manifests set it: off unless OTEL_SDK_DISABLED=false, then OTLP/HTTP.
        OTEL_DEFAULTS.forEach((name, value) -> app.put(name, environment.getOrDefault(name, value)));
        return app;
    }

    private static final Map<String, String> OTEL_DEFAULTS = Map.of("OTEL_SDK_DISABLED", "true",
            "OTEL_SERVICE_NAME", "tollgate", "OTEL_TRACES_EXPORTER", "otlp",
            "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none");

    private enum Startup { READY, FAILED, EXITED, TIMED_OUT }

    private Startup waitUntilReady(PayaraProcess server, ServerLog log) throws IOException, InterruptedException {
        ReadinessProbe probe = new ReadinessProbe(settings.port());
        long started = System.nanoTime();
        long deadline = started + READY_TIMEOUT_SECONDS * 1_000_000_000L;
        long nextProgress = started + PROGRESS_EVERY_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (stopSequence.isRequested()) {
                throw new StopSequence.StopRequested();
            }
            if (!server.isAlive()) {
                return Startup.EXITED;
            }
            if (log.showsStartupFailure()) {
                return Startup.FAILED;
            }
            if (probe.isReady()) {
                return Startup.READY;
            }
            if (System.nanoTime() > nextProgress) {
                // A cold first start takes about 30 s on two cores; say it is alive rather than look hung.
                System.out.println("Still starting (" + seconds(System.nanoTime() - started) + "); follow it with: tail -f "
                        + display(log.file()));
                nextProgress += PROGRESS_EVERY_SECONDS * 1_000_000_000L;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return Startup.TIMED_OUT;
    }

    private int failedStart(Startup outcome, ServerLog log) throws IOException {
        if (stopSequence.isRequested()) {
            return waitForSignalHandlerToExit();
        }
        String reason = switch (outcome) {
            case EXITED -> "Payara Micro exited during startup.";
            case FAILED -> "Payara Micro failed to start Tollgate.";
            case TIMED_OUT -> "Tollgate was not ready after " + READY_TIMEOUT_SECONDS + " s.";
            case READY -> throw new IllegalStateException();
        };
        printLogTail(reason, log);
        stopSequence.stop();
        return EXIT_FAILED;
    }

    private void printReady(StartSecrets secrets, long serverNanos) {
        String base = "http://localhost:" + settings.port();
        System.out.println();
        System.out.println("Ready in " + seconds(System.nanoTime() - startedNanos)
                + " (Payara Micro " + seconds(serverNanos) + ").");
        System.out.println("Portal: " + base + "/");
        System.out.println("Admin login: admin / " + secrets.adminPassword()
                .orElse("(the password printed on first start, or TOLLGATE_ADMIN_PASSWORD)"));
        System.out.println("Admin API key: " + secrets.adminApiKey()
                .orElse("(the key printed on first start, or TOLLGATE_ADMIN_API_KEY)"));
        System.out.println("Demo API key: " + (sharedDatabase
                ? "(the one printed by the Tollgate that first set up this database)" : secrets.demoApiKey()));
        System.out.println("OpenAI base URL: " + base + "/v1");
        if (secrets.firstStart() && (environment.get(FirstStartSecrets.ADMIN_PASSWORD) == null
                || environment.get(FirstStartSecrets.ADMIN_API_KEY) == null)) {
            System.out.println("First start: keep the admin password and admin API key now; they are not shown again.");
        }
        System.out.println("Press Ctrl-C to stop.");
    }

    private int serveUntilStopped(PayaraProcess server, ServerLog log) throws IOException, InterruptedException {
        int exitCode = server.waitForExit();
        if (stopSequence.isRequested()) {
            return waitForSignalHandlerToExit();
        }
        printLogTail("Payara Micro stopped unexpectedly (exit code " + exitCode + ").", log);
        stopSequence.stop();
        return EXIT_FAILED;
    }

    /** The signal handler stops everything and exits with the signal's code; this thread must not exit first. */
    private int waitForSignalHandlerToExit() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // keep waiting: System.exit from the handler ends the JVM
            }
        }
    }

    private void printLogTail(String reason, ServerLog log) throws IOException {
        System.err.println(reason + " Last lines of " + display(log.file()) + ":");
        List<String> tail = log.lastLines(LOG_LINES_ON_FAILURE);
        tail.forEach(line -> System.err.println("  " + line));
        List<String> firstError = log.firstSevere(FIRST_ERROR_LINES);
        if (!firstError.isEmpty() && !tail.containsAll(firstError)) {
            System.err.println("The first error it logged:");
            firstError.forEach(line -> System.err.println("  " + line));
        }
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Paths under the working directory are shown relative to it, as the user would type them. */
    private static String display(Path path) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        return path.startsWith(workingDirectory) ? workingDirectory.relativize(path).toString() : path.toString();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? message : message + " (" + root + ")";
    }

    /** zonky logs every initdb and pg_ctl step at INFO; the console is for the developer's few lines. */
    private static void quietLibraryLogging() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (var handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
    }
}
