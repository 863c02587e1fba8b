package io.tollgate.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Tollgate replica of its own: the real tollgate.war on its own Payara Micro process, pointed at a database the test
 * chooses — what Kubernetes runs N of. Its log goes to target/replicas/&lt;name&gt;.log.
 */
final class ReplicaProcess implements AutoCloseable {

    private volatile Process process;
    private List<String> command = List.of();
    private final int port;
    private final String name;
    private final Path root;

    private ReplicaProcess(String name, Process process, int port, Path root) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.root = root;
    }

    static ReplicaProcess start(String name, String dbUrl, String dbUser, String dbPassword, Path spillDirectory)
            throws IOException {
        return start(name, freePort(), dbUrl, dbUser, dbPassword, spillDirectory, List.of());
    }

    /** As above, with more JVM options; a later -D of the same name wins over the defaults set here. */
    static ReplicaProcess start(String name, String dbUrl, String dbUser, String dbPassword, Path spillDirectory,
                                List<String> jvmOptions) throws IOException {
        return start(name, freePort(), dbUrl, dbUser, dbPassword, spillDirectory, jvmOptions);
    }

    /** On the given port, with more -D options (settings a test needs on this replica only). */
    static ReplicaProcess start(String name, int port, String dbUrl, String dbUser, String dbPassword,
                                Path spillDirectory, List<String> extraOptions) throws IOException {
        Path root = Files.createTempDirectory("tollgate-" + name);
        Path logs = Path.of("target", "replicas");
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-DTOLLGATE_DB_URL=" + dbUrl, "-DTOLLGATE_DB_USER=" + dbUser, "-DTOLLGATE_DB_PASSWORD=" + dbPassword,
                "-DTOLLGATE_ADMIN_API_KEY=" + TestDatabase.ADMIN_KEY,
                "-DTOLLGATE_ADMIN_PASSWORD=integration-test-password",
                "-DTOLLGATE_SEED_DEMO=true", "-DTOLLGATE_DEMO_API_KEY=" + TestDatabase.DEMO_KEY,
                "-DTOLLGATE_ENCRYPTION_KEY=" + TestDatabase.ENCRYPTION_KEY,
                "-DTOLLGATE_SPILL_DIR=" + spillDirectory));
        command.addAll(extraOptions);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", System.getProperty("tollgate.war", "target/tollgate.war"),
                "--contextroot", "/", "--port", Integer.toString(port), "--nohazelcast",
                "--prebootcommandfile", System.getProperty("tollgate.preboot", "../docker/pre-boot.asadmin"),
                "--disablephonehome", "--rootdir", root.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start();
        ReplicaProcess replica = new ReplicaProcess(name, process, port, root);
        replica.command = List.copyOf(command);
        return replica;
    }

    URL url() {
        try {
            return new URL("http://localhost:" + port + "/");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Payara Micro's root directory of this replica (its own logs, if it writes any, live below it). */
    Path root() {
        return root;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the process gets no chance to drain or spill. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as Kubernetes stops a pod; returns at once. */
    void terminate() {
        process.destroy();
    }

    /** SIGTERM, as Kubernetes stops a pod; waits for the process to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * Waits for this replica's readiness; if it never comes, the failure carries what the replica was doing — its
     * threads (a jcmd thread dump) and the end of its log — since a CI machine keeps nothing else.
     */
    void awaitReady(TollgateClient client) throws InterruptedException {
        try {
            awaitReadyOnce(client);
        } catch (AssertionError stuck) {
            if (!alive()) {
                throw stuck;
            }
            // Payara Micro 7 can deadlock in its own boot (HK2 run-level threads waiting on the service locator's
            // lock, before the application deploys: seen on CI with the thread dump this class takes); the same
            // command started again boots. Said loudly, so a replica that never boots still fails the test.
            System.out.println("Replica " + name + " did not boot; restarting it once:\n" + stuck.getMessage());
            restart();
            client.forgetReadiness();
            awaitReadyOnce(client);
        }
    }

    private void awaitReadyOnce(TollgateClient client) throws InterruptedException {
        if (!alive()) {
            throw new AssertionError(name + " exited before it was ready; its log ends:\n" + logTail(80));
        }
        try {
            client.awaitReady();
        } catch (AssertionError notReady) {
            throw new AssertionError(notReady.getMessage() + "\n--- " + name + (alive() ? " is alive" : " has exited")
                    + "; its threads:\n" + threadDump() + "\n--- the end of its log:\n" + logTail(80), notReady);
        }
    }

    private void restart() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try {
            // A fresh root directory, as on the first start: Payara would otherwise redeploy what it recorded there.
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(root))
                        .forEach(p -> p.toFile().delete());
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name))).start();
        } catch (IOException e) {
            throw new AssertionError("could not restart " + name, e);
        }
    }

    private String threadDump() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            byte[] out = jcmd.getInputStream().readNBytes(400_000);
            jcmd.waitFor(20, TimeUnit.SECONDS);
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    private String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log(name).toPath(), java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static File log(String name) {
        return Path.of("target", "replicas", name + ".log").toFile();
    }
}
