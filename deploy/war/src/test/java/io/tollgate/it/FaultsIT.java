package io.tollgate.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tollgate.it.TollgateClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fault injection under steady load, each scenario asserting what the clients saw and what the ledger holds: a
 * backend dying before it answers and in the middle of its answer, one that accepts and never answers, garbage and
 * truncated streams, clients that read nothing, and a herd of clients while a backend goes away and comes back.
 * The real tollgate.war in a Payara Micro process of its own on a PostgreSQL of its own. The long scenarios
 * (PostgreSQL down for 60 s, a replica SIGKILLed, the soak) are in {@link FaultScenarios}, run by bench/faults/.
 */
class FaultsIT {

    static final String ADMIN = TestDatabase.ADMIN_KEY;
    private static EmbeddedPostgres database;
    private static ReplicaProcess replica;
    private static TollgateClient tollgate;
    private static FaultyUpstream faulty;
    private static CountingUpstream healthy;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedPostgres.builder().start();
        faulty = new FaultyUpstream();
        healthy = new CountingUpstream();
        replica = ReplicaProcess.start("faults", database.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                Files.createTempDirectory("tollgate-faults-spill"), List.of("-DTOLLGATE_HEALTH_INTERVAL_MS=1000"));
        tollgate = new TollgateClient(replica.url());
        replica.awaitReady(tollgate);
        if (!replica.alive()) {
            fail("the replica exited; see " + ReplicaProcess.log("faults"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{replica, faulty, healthy, database}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aBackendDyingBeforeOrWhileItAnswersFailsOnlyTheAnswersItHadStarted() throws Exception {
        String model = "die";
        backend("die-faulty", faulty.baseUrl(), model, "{}");
        backend("die-healthy", healthy.baseUrl(), model, "{}");
        String key = key("die");
        tollgate.awaitModel(model, key);

        faulty.mode = FaultyUpstream.Mode.DIE_BEFORE_ANSWER;
        Map<String, Integer> before = run(key, model, 4, Duration.ofSeconds(4));
        System.out.println("backend dying before it answers, 4 clients: " + before);
        assertEquals(Set.of("200"), before.keySet(), "each request could succeed on the other backend: " + before);

        // Dying mid-answer: what it had begun cannot move; nothing else fails.
        Thread.sleep(2000); // its next passing health check ends the ejection the first phase earned it
        faulty.mode = FaultyUpstream.Mode.DIE_MID_RESPONSE;
        int diedBefore = faulty.diedMidResponse.get();
        Map<String, Integer> during = run(key, model, 4, Duration.ofSeconds(4));
        int died = faulty.diedMidResponse.get() - diedBefore;
        System.out.println("backend dying mid-answer, 4 clients: " + during + ", answers it began and died in: " + died);
        int failed = total(during) - during.getOrDefault("200", 0);
        assertTrue(died > 0, "the scenario made the backend die mid-answer");
        assertTrue(failed <= died, failed + " failed but only " + died + " answers were cut by the backend: " + during);
        assertTrue(during.keySet().stream().allMatch(Set.of("200", "200+error-event", "502")::contains),
                "a cut answer ends with an error (event), never silently: " + during);
        faulty.mode = FaultyUpstream.Mode.NORMAL;
        assertLedgerHoldsEachOnce(key, total(before) + total(during));
    }

    @Test
    void aBackendThatAcceptsAndNeverAnswersTimesOutToTheOtherOrTo504() throws Exception {
        backend("hang-faulty", faulty.baseUrl(), "hang", "{\"timeouts\":{\"first_byte_ms\":500}}");
        backend("hang-healthy", healthy.baseUrl(), "hang", "{}");
        backend("hang-alone", faulty.baseUrl(), "hang-alone", "{\"timeouts\":{\"first_byte_ms\":500}}");
        String key = key("hang");
        tollgate.awaitModel("hang", key);
        tollgate.awaitModel("hang-alone", key);
        faulty.mode = FaultyUpstream.Mode.HANG;
        Map<String, Integer> seen = run(key, "hang", 4, Duration.ofSeconds(4));
        System.out.println("a backend that never answers (first byte 0.5 s) beside a healthy one: " + seen);
        assertEquals(Set.of("200"), seen.keySet(), seen.toString());
        // Alone: a 504 after the first-byte timeout — or, once the health checks (every second here, and they hang
        // too) have marked it down, a 503 at once. Both are right; a hang reaching the client is not.
        long asked = System.nanoTime();
        var alone = tollgate.post("/v1/chat/completions", key, SteadyLoad.chat("hang-alone", false));
        long tookMs = Duration.ofNanos(System.nanoTime() - asked).toMillis();
        String code = json(alone.body()).getJsonObject("error").getString("code");
        assertTrue(alone.statusCode() == 504 && code.equals("upstream_timeout")
                || alone.statusCode() == 503 && code.equals("model_unavailable"), alone.body());
        assertTrue(tookMs < 5000, "answered in " + tookMs + " ms, not left hanging");
        faulty.mode = FaultyUpstream.Mode.NORMAL;
        assertLedgerHoldsEachOnce(key, total(seen) + 1);
    }

    @Test
    void garbageAndTruncatedStreamsEndWithAnErrorEventAndAreBilledOnce() throws Exception {
        backend("garbage", faulty.baseUrl(), "garbage", "{}");
        String key = key("garbage");
        tollgate.awaitModel("garbage", key);
        int sent = 0;
        for (FaultyUpstream.Mode mode : List.of(FaultyUpstream.Mode.GARBAGE_SSE, FaultyUpstream.Mode.TRUNCATED_SSE)) {
            faulty.mode = mode;
            Map<String, Integer> seen = run(key, "garbage", 2, Duration.ofSeconds(2));
            System.out.println(mode + ": " + seen);
            sent += total(seen);
            assertEquals(0, seen.getOrDefault("200+cut", 0), "a stream stopped without [DONE] or an error: " + seen);
            assertTrue(seen.keySet().stream().noneMatch(o -> o.startsWith("5") && !o.equals("502")), seen.toString());
        }
        faulty.mode = FaultyUpstream.Mode.NORMAL;
        assertLedgerHoldsEachOnce(key, sent);
        // Each ended on an upstream thread, which has no application context: the metrics must count them all.
        assertEquals(sent, metricSum("llm_requests_total", "model=\"garbage\""), "llm_requests_total");
    }

    @Test
    void clientsThatReadNothingHoldBackTheUpstreamAndCostBoundedMemory() throws Exception {
        backend("firehose", faulty.baseUrl(), "firehose", "{\"timeouts\":{\"idle_ms\":60000}}");
        String key = key("firehose");
        tollgate.awaitModel("firehose", key);
        faulty.mode = FaultyUpstream.Mode.FIREHOSE;
        double heapBefore = heapAfterGcMb();
        List<Socket> stalled = new ArrayList<>();
        byte[] body = SteadyLoad.chat("firehose", true).getBytes(StandardCharsets.UTF_8);
        int readers = 16;
        for (int i = 0; i < readers; i++) {
            Socket socket = new Socket(replica.url().getHost(), replica.url().getPort());
            socket.setReceiveBufferSize(4096);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            stalled.add(socket); // and never read from
        }
        Thread.sleep(8000);
        long pushedAfter8s = faulty.firehoseMaxBytes.get();
        Thread.sleep(4000);
        long pushedAfter12s = faulty.firehoseMaxBytes.get();
        double heapDuring = heapAfterGcMb();
        System.out.println("heap by class while " + readers + " clients read nothing:\n" + jcmd("GC.class_histogram")
                .lines().limit(14).collect(java.util.stream.Collectors.joining("\n")));
        // Meanwhile everybody else is served.
        assertEquals(200, tollgate.post("/v1/chat/completions", key("bystander"), SteadyLoad.chat("demo", false))
                .statusCode());
        for (Socket socket : stalled) {
            socket.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (faulty.firehoseOpen.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.printf("%d clients reading nothing from endless streams: the most one upstream stream could push "
                        + "%.1f MB after 8 s, %.1f MB after 12 s; heap used %.0f MB before, %.0f MB during; "
                        + "upstream streams still open 20 s after the clients left: %d%n", readers,
                pushedAfter8s / 1e6, pushedAfter12s / 1e6, heapBefore, heapDuring, faulty.firehoseOpen.get());
        assertTrue(pushedAfter12s < 32_000_000, "backpressure: an unread stream is held back upstream, pushed "
                + pushedAfter12s + " bytes");
        assertEquals(pushedAfter8s, pushedAfter12s, 2_000_000, "no growth while the client reads nothing");
        assertTrue(heapDuring - heapBefore < 100, "heap after GC " + heapBefore + " → " + heapDuring + " MB");
        assertEquals(0, faulty.firehoseOpen.get(), "every upstream stream cancelled once its client left");
        // And the replica is whole afterwards: billing 16 abandoned endless answers once cost a minute of CPU and,
        // another time, the heap (which killed the upstream client's selector thread: every later request hung).
        long asked = System.nanoTime();
        assertEquals(200, tollgate.post("/v1/chat/completions", key("after-firehose"), SteadyLoad.chat("demo", false))
                .statusCode());
        long tookMs = (System.nanoTime() - asked) / 1_000_000;
        assertTrue(tookMs < 3000, "the next request took " + tookMs + " ms");
        faulty.mode = FaultyUpstream.Mode.NORMAL;
    }

    @Test
    void aHerdOfClientsRidesOutABackendOutageAndTheBackendComesBackWithoutARestart() throws Exception {
        try (CountingUpstream second = new CountingUpstream()) {
            String returning = backend("herd-returning", second.baseUrl(), "herd", "{}");
            backend("herd-steady", healthy.baseUrl(), "herd", "{}");
            String key = key("herd");
            tollgate.awaitModel("herd", key);
            SteadyLoad load = new SteadyLoad(List.of(tollgate), key, "herd", 12, 0);
            Thread.sleep(2000);
            second.kill();
            boolean ejected = false;
            long outage = System.nanoTime();
            while (System.nanoTime() - outage < Duration.ofSeconds(5).toNanos()) {
                ejected |= metric("tollgate_backend_ejected", returning) > 0
                        || metric("tollgate_backend_healthy", returning) == 0;
                Thread.sleep(200);
            }
            int servedBeforeReturn = second.served.get();
            second.revive();
            long revived = System.nanoTime();
            while (second.served.get() == servedBeforeReturn
                    && System.nanoTime() - revived < Duration.ofSeconds(40).toNanos()) {
                Thread.sleep(100);
            }
            long backAfterMs = (System.nanoTime() - revived) / 1_000_000;
            Thread.sleep(1000);
            Map<String, Integer> seen = load.stop();
            System.out.printf("12 clients, one of two backends down for 5 s: %s; out of rotation: %s; back %d ms "
                    + "after it returned%n", seen, ejected, backAfterMs);
            // Streams the dying backend had begun cannot move (they end with an error event); nothing else fails.
            assertTrue(Set.of("200", "200+error-event").containsAll(seen.keySet()),
                    "no request failed that the other backend could serve: " + seen);
            assertTrue(seen.getOrDefault("200+error-event", 0) <= 12, "at most the streams in flight: " + seen);
            assertTrue(ejected, "the dead backend was ejected");
            assertTrue(second.served.get() > servedBeforeReturn, "it serves again, without a restart");
            assertLedgerHoldsEachOnce(key, total(seen));
        }
    }

    @org.junit.jupiter.api.AfterEach
    void healAgain() {
        faulty.mode = FaultyUpstream.Mode.NORMAL;
    }

    // ---- helpers

    private static Map<String, Integer> run(String key, String model, int clients, Duration duration)
            throws InterruptedException {
        SteadyLoad load = new SteadyLoad(List.of(tollgate), key, model, clients, 0);
        Thread.sleep(duration.toMillis());
        return load.stop();
    }

    private static int total(Map<String, Integer> outcomes) {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String backend(String name, String baseUrl, String model, String extra) throws Exception {
        String fields = extra.equals("{}") ? "" : "," + extra.substring(1, extra.length() - 1);
        var created = tollgate.post("/v1/organization/backends", ADMIN, """
                {"name":"%s","kind":"openai","base_url":"%s","models":[{"model":"%s"}]%s}"""
                .formatted(name, baseUrl, model, fields));
        assertEquals(201, created.statusCode(), created.body());
        return json(created.body()).getString("id");
    }

    private static final Map<String, String> PROJECTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String key(String name) throws Exception {
        var project = tollgate.post("/v1/organization/projects", ADMIN, "{\"name\":\"" + name + "\"}");
        String id = json(project.body()).getString("id");
        JsonObject key = json(tollgate.post("/v1/organization/projects/" + id + "/service_accounts", ADMIN,
                "{\"name\":\"load\"}").body()).getJsonObject("api_key");
        PROJECTS.put(key.getString("value"), id);
        return key.getString("value");
    }

    /** Every request the clients made is in the ledger exactly once (read again a second later: no double count). */
    private static void assertLedgerHoldsEachOnce(String key, int requests) throws Exception {
        long events = LedgerEvents.awaitSettled(database.getPostgresDatabase(), PROJECTS.get(key), requests,
                Duration.ofSeconds(20));
        System.out.println("  ledger: " + events + " events for " + requests + " requests");
        assertEquals(requests, events, "ledger events for " + requests + " requests");
    }

    /** The replica's heap in use right after a full collection: what it retains, not what it has yet to collect. */
    private static double heapAfterGcMb() throws Exception {
        jcmd("GC.run");
        return heapUsedMb();
    }

    private static String jcmd(String command) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(replica.pid()), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return out;
    }

    private static double heapUsedMb() throws Exception {
        for (String line : tollgate.get("/metrics", null).body().split("\n")) {
            if (line.contains("usedHeap") && !line.startsWith("#")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) / 1e6;
            }
        }
        throw new AssertionError("no heap figure at /metrics");
    }

    /** A backend's gauge at /metrics; -1 while it has none yet. */
    private static double metricSum(String family, String labelsContain) throws Exception {
        double sum = 0;
        for (String line : tollgate.get("/metrics", null).body().split("\n")) {
            if (line.startsWith(family + "{") && line.contains(labelsContain)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static double metric(String family, String backendId) throws Exception {
        for (String line : tollgate.get("/metrics", null).body().split("\n")) {
            if (line.startsWith(family + "{") && line.contains("backend=\"" + backendId + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }
}
