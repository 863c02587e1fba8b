package io.tollgate.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What the integration tests share: the deployment, plain HTTP calls to the deployed Tollgate, and JSON/SSE reading. */
final class TollgateClient {

    /** HTTP/1.1, as the OpenAI SDKs speak to an http:// base URL (Grizzly's h2c upgrade path fails under concurrent streams). */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Readiness per deployment (base URL): each test class boots its own Payara Micro. */
    private static final Map<String, Boolean> READY = new ConcurrentHashMap<>();

    private final String root;

    TollgateClient(URL base) {
        String b = base.toString();
        this.root = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    /** The real tollgate.war, as ROOT.war so it deploys at "/" like ./tollgate run and the container image do. */
    static WebArchive deployment() {
        File war = new File(System.getProperty("tollgate.war", "target/tollgate.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }

    URI uri(String path) {
        return URI.create(root + path);
    }

    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), key == null ? Map.of() : bearer(key));
    }

    HttpResponse<String> post(String path, String key, String body) throws IOException, InterruptedException {
        return post(path, key == null ? Map.of() : bearer(key), body);
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    HttpResponse<String> delete(String path, String key) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), bearer(key));
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers)
            throws IOException, InterruptedException {
        headers.forEach(request::header);
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (once per deployment) until /health/ready says 200; later calls fail fast if it never did. */
    /** Forgets what {@link #awaitReady} found, for a server restarted on the same address. */
    void forgetReadiness() {
        READY.remove(root);
    }

    void awaitReady() throws InterruptedException {
        Boolean known = READY.get(root);
        if (known != null) {
            assertTrue(known, "Tollgate did not become ready (see the server log above)");
            return;
        }
        endEarlierServers();
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get("/health/ready", null).statusCode() == 200) {
                    READY.put(root, true);
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        READY.put(root, false);
        String said;
        try {
            said = get("/health/ready", null).body();
        } catch (IOException e) {
            said = "no answer: " + e;
        }
        fail("Tollgate did not become ready within 150 s; /health/ready says " + said);
    }

    /**
     * Arquillian stops a test class's Payara with a SIGTERM it does not wait for, so the next class's server can start
     * beside one still shutting down (holding database connections and locks). Any earlier server of this test run
     * still alive now is ended, and said so: a server that outlives its stop is worth knowing about.
     */
    private void endEarlierServers() {
        String marker = "-Dtollgate.it.run=" + TestDatabase.RUN;
        String ownPort = Integer.toString(URI.create(root).getPort());
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)).toList();
        java.util.Optional<java.time.Instant> ownStart = servers.stream()
                .filter(p -> portOf(p).equals(ownPort)).findFirst().flatMap(p -> p.info().startInstant());
        if (ownStart.isEmpty()) {
            return; // not an Arquillian server of this run (a replica the test started itself)
        }
        servers.stream().filter(p -> p.info().startInstant().map(t -> t.isBefore(ownStart.get())).orElse(false))
                .forEach(earlier -> {
                    long waiting = System.nanoTime();
                    boolean gone = earlier.onExit().completeOnTimeout(null, 30, java.util.concurrent.TimeUnit.SECONDS)
                            .thenApply(p -> p != null).join();
                    System.out.println("An earlier test server (pid " + earlier.pid() + ") was still running when "
                            + "the next one started; " + (gone ? "it ended after " : "still there after ")
                            + Duration.ofNanos(System.nanoTime() - waiting).toMillis() + " ms more");
                    if (!gone) {
                        earlier.destroyForcibly();
                    }
                });
    }

    private static String portOf(ProcessHandle process) {
        List<String> args = process.info().arguments().map(List::of).orElse(List.of());
        int at = args.indexOf("--port");
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : "";
    }

    /** Waits until the key sees the model served (a backend change reaches the snapshot within 2 s). */
    /** The first /metrics sample whose line names {@code name} (a family, or a family with labels), or -1. */
    double gauge(String name) throws IOException, InterruptedException {
        for (String line : get("/metrics", null).body().split("\n")) {
            if (!line.startsWith("#") && line.contains(name)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    void awaitModel(String model, String key) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (get("/v1/models/" + model, key).statusCode() == 200) {
                return;
            }
            Thread.sleep(50);
        }
        fail("model " + model + " not served within 2 s");
    }

    /** Runs a script of src/test/node against this Tollgate (TOLLGATE_BASE_URL) and returns what it printed. */
    String node(String scriptName, Map<String, String> environment) throws IOException, InterruptedException {
        java.nio.file.Path script = java.nio.file.Path.of("src/test/node", scriptName).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("node", script.toString()).directory(script.getParent().toFile())
                .redirectErrorStream(true);
        pb.environment().put("TOLLGATE_BASE_URL", uri("/v1").toString());
        pb.environment().putAll(environment);
        Process run = pb.start();
        String output = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        org.junit.jupiter.api.Assertions.assertEquals(0, run.exitValue(), output);
        return output;
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** The data of each SSE event, in order. */
    static List<String> sseData(String body) {
        List<String> data = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                data.add(line.substring(6));
            }
        }
        return data;
    }
}
