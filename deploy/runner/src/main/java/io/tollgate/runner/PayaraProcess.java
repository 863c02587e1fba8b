package io.tollgate.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Payara Micro running tollgate.war as a child process. A child rather than in-process so that the runner's own
 * classpath (zonky, JDBC) never meets the application server's, and so it can be stopped like any server.
 */
final class PayaraProcess {

    private final Process process;

    private PayaraProcess(Process process) {
        this.process = process;
    }

    /**
     * Payara's commands run before boot: HTTP/2 off on the listener. Grizzly's cleartext HTTP/2 (which Java's HttpClient
     * upgrades to unasked) stalled under concurrent streams in our tests; OpenAI's SDKs speak HTTP/1.1 over http://.
     * Before boot, not after: a post-boot change restarts the listener while the app deploys, and on a busy machine
     * the restart lost the race ("GrizzlyProxy is NULL") and left nothing listening on the port.
     */
    static final String PRE_BOOT_COMMANDS =
            "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.http2-enabled=false\n";

    static List<String> command(Path java, List<String> extraJvmOptions, Path payaraMicroJar, Path war, int port,
                                Path rootDirectory, Path preBootCommands) {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xms256m", "-Xmx1g",
                "-XX:+ExitOnOutOfMemoryError")); // a JVM past an OOM may have lost threads it cannot restart
        command.addAll(extraJvmOptions);
        command.addAll(List.of(
                "-jar", payaraMicroJar.toString(),
                "--deploy", war.toString(),
                "--contextroot", "/",
                "--port", Integer.toString(port),
                // No data grid, so nothing listens on 6900. Not with --nocluster: Payara then ignores --nohazelcast
                // and still binds 6900. Side effect: EJB timers must be non-persistent (@Schedule(persistent = false)),
                // a persistent one fails the deployment ("Persistent timers are not supported in this setup").
                "--nohazelcast",
                "--rootdir", rootDirectory.toString(),
                "--prebootcommandfile", preBootCommands.toString(),
                "--disablephonehome"));
        return command;
    }

    /**
     * Starts the server with its stdout and stderr appended to the log, so the console stays readable. The root
     * directory is emptied first: Payara records the deployed app there and, on the next start, would boot the
     * previous run's copy of the WAR (running its startup code against the database) before deploying the new one.
     */
    static PayaraProcess start(List<String> command, Map<String, String> environment, Path rootDirectory, Path log)
            throws IOException {
        deleteRecursively(rootDirectory);
        Files.createDirectories(rootDirectory);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(rootDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(environment);
        return new PayaraProcess(builder.start());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int waitForExit() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGTERM lets Payara undeploy the app, which drains and flushes; a server that hangs is killed after the grace period. */
    void stop(long graceSeconds) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
            System.out.println("Payara did not stop within " + graceSeconds + " s; killing it.");
            kill();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
