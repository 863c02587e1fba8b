package io.tollgate.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tollgate.it.TollgateClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long fault scenarios, too long for CI: each prints its figures and asserts its expectation. Not an *IT, so
 * `mvn verify` skips it; bench/faults/*.sh run one each (`-Dit.test=FaultScenarios#name`). Two replicas (or one)
 * on a PostgreSQL of the scenario's own that it can stop, under steady load from a few client threads.
 */
class FaultScenarios {

    static final String ADMIN = TestDatabase.ADMIN_KEY;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedPostgres database;
    private Path dataDirectory;
    private int databasePort;

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // best effort: the scenario is over
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void postgresStoppedFor60sUnderLoad() throws Exception {
        int outageSeconds = Integer.getInteger("faults.outage.seconds", 60);
        startDatabase();
        List<TollgateClient> replicas = replicas(2);
        String[] tenant = tenant(replicas.get(0), "pg-outage");
        fastSimulator(replicas.get(0));
        awaitModel(replicas, tenant[1], "fast");
        SteadyLoad load = new SteadyLoad(replicas, tenant[1], "fast", 4, 5);
        Thread.sleep(5000);
        database.close();
        database = null;
        long stopped = System.nanoTime();
        Thread.sleep(outageSeconds * 1000L);
        startDatabase();
        long restarted = System.nanoTime();
        long adminBackMs = -1;
        while (System.nanoTime() - restarted < Duration.ofSeconds(60).toNanos()) {
            if (replicas.get(1).post("/v1/organization/projects", ADMIN, "{\"name\":\"after\"}").statusCode() == 200) {
                adminBackMs = (System.nanoTime() - restarted) / 1_000_000;
                break;
            }
            Thread.sleep(250);
        }
        Thread.sleep(5000);
        Map<String, Integer> seen = load.stop();
        long answered = seen.getOrDefault("200", 0);
        long events = awaitEvents(tenant[0], answered);
        System.out.printf("FIGURE postgres-outage: %d s outage (%.0f s incl. load before/after), 2 replicas, 4 clients:"
                        + " %s; ledger %d events for %d answered (%s); admin API back %d ms after restart%n",
                outageSeconds, (System.nanoTime() - stopped) / 1e9 + 5, seen, events, answered,
                events == answered ? "none lost, none doubled" : "MISMATCH", adminBackMs);
        assertEquals(0, seen.getOrDefault("401", 0), "a valid key refused during the outage");
        assertEquals(answered, events, "every answered request in the ledger exactly once");
        assertTrue(adminBackMs >= 0, "the admin API works again without a restart");
    }

    @Test
    void aReplicaKilledWhileStreaming() throws Exception {
        killWhileStreaming(true);
    }

    @Test
    void aReplicaStoppedWhileStreaming() throws Exception {
        killWhileStreaming(false);
    }

    private void killWhileStreaming(boolean sigkill) throws Exception {
        startDatabase();
        List<TollgateClient> replicas = replicas(2);
        String[] tenant = tenant(replicas.get(0), sigkill ? "sigkill" : "sigterm");
        // Streams that last ~0.3 s, so many are in flight at any moment.
        var created = replicas.get(0).post("/v1/organization/backends", ADMIN, """
                {"name":"streamer","kind":"simulator","time_to_first_token_ms":20,"tokens_per_second":60,
                 "models":[{"model":"streamer"}]}""");
        assertEquals(201, created.statusCode(), created.body());
        awaitModel(replicas, tenant[1], "streamer");
        SteadyLoad onA = new SteadyLoad(List.of(replicas.get(0)), tenant[1], "streamer", 8, 0);
        SteadyLoad onB = new SteadyLoad(List.of(replicas.get(1)), tenant[1], "streamer", 4, 0);
        Thread.sleep(8000);
        double inFlight = replicas.get(0).gauge("tollgate_requests_in_flight");
        ReplicaProcess a = (ReplicaProcess) started.get(0);
        long killed = System.nanoTime();
        if (sigkill) {
            a.kill();
        } else {
            a.close();
        }
        long goneMs = (System.nanoTime() - killed) / 1_000_000;
        Thread.sleep(3000);
        Map<String, Integer> seenA = onA.stop();
        Map<String, Integer> seenB = onB.stop();
        // The spill file a killed replica leaves is replayed by a replica that starts later (as Kubernetes restarts
        // the pod): start one on the same spill directory.
        if (sigkill) {
            ReplicaProcess restartedA = replica("a-restarted");
            restartedA.awaitReady(new TollgateClient(restartedA.url()));
        }
        long answered = seenA.getOrDefault("200", 0) + seenB.getOrDefault("200", 0);
        long failedOnA = seenA.entrySet().stream().filter(e -> !e.getKey().equals("200"))
                .mapToLong(Map.Entry::getValue).sum();
        long events = awaitEvents(tenant[0], answered);
        System.out.printf("FIGURE replica-%s: 12 streaming clients on 2 replicas (8 on A); A %s after %d ms; "
                        + "clients on A saw %s, on B %s; requests in flight on A just before: %.0f; ledger %d events for "
                        + "%d complete answers (%d not in the ledger; bound: the requests in flight plus the events "
                        + "queued since the last fsynced batch, ≤ 200 ms of traffic)%n",
                sigkill ? "sigkill" : "sigterm", sigkill ? "SIGKILLed" : "SIGTERMed and gone", goneMs, seenA, seenB,
                inFlight, events, answered, Math.max(0, answered - events));
        assertEquals(0, seenB.entrySet().stream().filter(e -> !e.getKey().equals("200")).count(),
                "the surviving replica's clients saw nothing: " + seenB);
        if (sigkill) {
            assertTrue(answered - events <= Math.max(inFlight, failedOnA) + 200,
                    "lost more than the events in flight: " + (answered - events));
        } else {
            assertTrue(events >= answered, "SIGTERM loses nothing: " + events + " < " + answered);
        }
    }

    @Test
    void soakAtHalfCapacity() throws Exception {
        int minutes = Integer.getInteger("faults.soak.minutes", 60);
        long sampleMillis = Long.getLong("faults.soak.sample.seconds", 60) * 1000;
        startDatabase();
        List<TollgateClient> replicas = replicas(1);
        TollgateClient tollgate = replicas.get(0);
        ReplicaProcess process = (ReplicaProcess) started.get(0);
        String[] tenant = tenant(tollgate, "soak");
        var created = tollgate.post("/v1/organization/backends", ADMIN, """
                {"name":"soak","kind":"simulator","time_to_first_token_ms":5,"tokens_per_second":2000,
                 "models":[{"model":"soak"}]}""");
        assertEquals(201, created.statusCode(), created.body());
        awaitModel(replicas, tenant[1], "soak");

        // Capacity: 16 closed-loop clients for 20 s after a 10 s warm-up.
        SteadyLoad warm = new SteadyLoad(replicas, tenant[1], "soak", 16, 0);
        Thread.sleep(10_000);
        warm.stop();
        SteadyLoad full = new SteadyLoad(replicas, tenant[1], "soak", 16, 0);
        Thread.sleep(20_000);
        double capacity = full.stop().getOrDefault("200", 0) / 20.0;
        // Half of it: 8 clients each pausing so that together they send capacity / 2 per second.
        double[] fullLatency = full.drainLatencyMillis(0.5);
        long pause = Math.max(1, Math.round(8 / (capacity / 2) * 1000 - fullLatency[0]));
        System.out.printf("FIGURE soak: capacity %.0f requests/s (16 clients, mixed streamed and not); soak at half: "
                + "8 clients pausing %d ms, %d minutes%n", capacity, pause, minutes);
        String[] soaking = tenant(tollgate, "soak-half"); // a project of its own: its ledger holds only the soak
        awaitModel(replicas, soaking[1], "soak");
        SteadyLoad half = new SteadyLoad(replicas, soaking[1], "soak", 8, pause);
        System.out.println("FIGURE soak: minute | requests/s | errors | p50 ms | p99 ms | heap used MB | threads | "
                + "open fds | db connections");
        long start = System.nanoTime();
        int lastTotal = 0;
        int lastErrors = 0;
        List<double[]> samples = new ArrayList<>();
        for (int minute = 1; System.nanoTime() - start < Duration.ofMinutes(minutes).toNanos(); minute++) {
            Thread.sleep(sampleMillis);
            Map<String, Integer> now = half.outcomes();
            int total = now.values().stream().mapToInt(Integer::intValue).sum();
            int errors = total - now.getOrDefault("200", 0);
            double[] latency = half.drainLatencyMillis(0.5, 0.99);
            double[] sample = {minute, (total - lastTotal) / (sampleMillis / 1000.0), errors - lastErrors, latency[0],
                    latency[1], heapUsedMb(tollgate), tollgate.gauge("thread_count"), openFds(process.pid()),
                    databaseConnections()};
            samples.add(sample);
            System.out.printf("FIGURE soak: %.0f | %.0f | %.0f | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f%n",
                    (Object[]) java.util.Arrays.stream(sample).boxed().toArray(Double[]::new));
            lastTotal = total;
            lastErrors = errors;
        }
        Map<String, Integer> seen = half.stop();
        int requests = seen.values().stream().mapToInt(Integer::intValue).sum();
        long events = awaitEvents(soaking[0], requests);
        System.out.printf("FIGURE soak: outcomes %s; ledger %d events for %d requests%n", seen, events, requests);
        assertEquals(requests, events, "every soak request in the ledger once");
        double[] first = samples.get(0);
        double[] last = samples.get(samples.size() - 1);
        assertEquals(Map.of("200", seen.getOrDefault("200", 0)).keySet(), seen.keySet(), "no errors: " + seen);
        assertTrue(last[6] <= first[6] + 20, "threads grew: " + first[6] + " → " + last[6]);
        assertTrue(last[7] <= first[7] + 50, "open fds grew: " + first[7] + " → " + last[7]);
        assertTrue(last[8] <= first[8] + 5, "db connections grew: " + first[8] + " → " + last[8]);
    }

    // ---- helpers

    private void startDatabase() throws Exception {
        if (dataDirectory == null) {
            dataDirectory = Files.createTempDirectory("tollgate-faults-pg");
            databasePort = ReplicaProcess.freePort();
        }
        database = EmbeddedPostgres.builder().setPort(databasePort).setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).start();
    }

    private Path spill;

    private ReplicaProcess replica(String name) throws Exception {
        if (spill == null) {
            spill = Files.createTempDirectory("tollgate-faults-spill");
        }
        ReplicaProcess replica = ReplicaProcess.start(name, "jdbc:postgresql://localhost:" + databasePort
                + "/postgres", "postgres", "postgres", spill, List.of("-DTOLLGATE_HEALTH_INTERVAL_MS=1000"));
        started.add(replica);
        return replica;
    }

    private List<TollgateClient> replicas(int count) throws Exception {
        List<TollgateClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReplicaProcess replica = replica("scenario-" + (char) ('a' + i));
            TollgateClient client = new TollgateClient(replica.url());
            replica.awaitReady(client);
            clients.add(client);
        }
        return clients;
    }

    private static String[] tenant(TollgateClient tollgate, String name) throws Exception {
        String id = json(tollgate.post("/v1/organization/projects", ADMIN, "{\"name\":\"" + name + "\"}").body())
                .getString("id");
        JsonObject key = json(tollgate.post("/v1/organization/projects/" + id + "/service_accounts", ADMIN,
                "{\"name\":\"load\"}").body()).getJsonObject("api_key");
        return new String[]{id, key.getString("value")};
    }

    private static void fastSimulator(TollgateClient tollgate) throws Exception {
        var created = tollgate.post("/v1/organization/backends", ADMIN, """
                {"name":"fast","kind":"simulator","time_to_first_token_ms":0,"tokens_per_second":100000,
                 "models":[{"model":"fast"}]}""");
        assertEquals(201, created.statusCode(), created.body());
    }

    private static void awaitModel(List<TollgateClient> replicas, String key, String model) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (TollgateClient replica : replicas) {
            while (replica.get("/v1/models/" + model, key).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, model + " not served");
                Thread.sleep(50);
            }
        }
    }

    private long awaitEvents(String project, long expected) throws Exception {
        return LedgerEvents.awaitSettled(database.getPostgresDatabase(), project, expected, Duration.ofSeconds(60));
    }

    private double databaseConnections() throws Exception {
        try (Connection c = database.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from pg_stat_activity where backend_type = 'client backend'")) {
            rs.next();
            return rs.getLong(1) - 1; // not this one
        }
    }

    private static double openFds(long pid) throws Exception {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        }
    }

    /** A gauge at /metrics: the first line of the family (or containing the name, for MP's base metrics). */
    /** Heap in use as /metrics reports it (no forced collection: what a dashboard would show). */
    private static double heapUsedMb(TollgateClient tollgate) throws Exception {
        return tollgate.gauge("usedHeap") / 1e6;
    }
}
