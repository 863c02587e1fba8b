package io.tollgate.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tollgate.it.TollgateClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two Tollgate replicas (two Payara Micro processes) on one PostgreSQL of this test's own, which it can stop:
 * limits hold across replicas however the load is spread, revocation reaches the other replica within 2 s, and a
 * database outage costs no valid client a 401 — then Tollgate recovers by itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    static final String ADMIN = TestDatabase.ADMIN_KEY;
    private static Path dataDirectory;
    private static int databasePort;
    private static EmbeddedPostgres database;
    private static ReplicaProcess replicaA;
    private static ReplicaProcess replicaB;
    private static TollgateClient a;
    private static TollgateClient b;
    private static Path spill;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        dataDirectory = Files.createTempDirectory("tollgate-replicas-pg");
        databasePort = ReplicaProcess.freePort();
        startDatabase();
        String url = "jdbc:postgresql://localhost:" + databasePort + "/postgres";
        spill = Files.createTempDirectory("tollgate-replicas-spill");
        replicaA = ReplicaProcess.start("replica-a", url, "postgres", "postgres", spill);
        a = new TollgateClient(replicaA.url());
        awaitReady(a, replicaA);
        // The second one joins a database the first has migrated and seeded, as a scaled-out Deployment does.
        replicaB = ReplicaProcess.start("replica-b", url, "postgres", "postgres", spill);
        b = new TollgateClient(replicaB.url());
        awaitReady(b, replicaB);
    }

    private static void startDatabase() throws Exception {
        database = EmbeddedPostgres.builder().setPort(databasePort).setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).start();
    }

    private static void awaitReady(TollgateClient client, ReplicaProcess replica) throws InterruptedException {
        replica.awaitReady(client);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (ReplicaProcess replica : new ReplicaProcess[]{replicaA, replicaB}) {
            if (replica != null) {
                replica.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    private record Tenant(String project, String key, String keyId) {
    }

    private static Tenant tenant(String name) throws Exception {
        var project = a.post("/v1/organization/projects", ADMIN, "{\"name\":\"" + name + "\"}");
        assertEquals(200, project.statusCode(), project.body());
        String id = json(project.body()).getString("id");
        JsonObject key = json(a.post("/v1/organization/projects/" + id + "/service_accounts", ADMIN,
                "{\"name\":\"bot\"}").body()).getJsonObject("api_key");
        return new Tenant(id, key.getString("value"), key.getString("id"));
    }

    private static String chat(String model) {
        return Json.createObjectBuilder().add("model", model).add("max_tokens", 8)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "user").add("content", "Hello, replicas!"))).build().toString();
    }

    /** Waits until the key works on the replica (a new key reaches other replicas within 2 s). */
    private static void awaitKey(TollgateClient replica, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (replica.get("/v1/models", key).statusCode() == 200) {
                return;
            }
            Thread.sleep(20);
        }
        fail("key not accepted within 5 s");
    }

    @Test
    @Order(1)
    void admitTogetherBetween98And101PercentOfALimitHoweverTheLoadIsSpread() throws Exception {
        var backend = a.post("/v1/organization/backends", ADMIN, """
                {"name":"fast","kind":"simulator","time_to_first_token_ms":0,"tokens_per_second":100000,
                 "models":[{"model":"fast"}]}""");
        assertEquals(201, backend.statusCode(), backend.body());
        int limit = 300;
        for (double shareOnA : new double[]{0.5, 0.85}) {
            Tenant tenant = tenant("spread-" + shareOnA);
            awaitKey(b, tenant.key());
            // A per-day limit: the window cannot roll over during the test (unless run across midnight UTC).
            var set = a.post("/v1/organization/projects/" + tenant.project() + "/rate_limits/rl-fast", ADMIN,
                    "{\"max_requests_per_1_day\":" + limit + "}");
            assertEquals(200, set.statusCode(), set.body());
            Thread.sleep(2000); // the limit reaches replica B's snapshot within 2 s

            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            ExecutorService load = Executors.newFixedThreadPool(16);
            Random random = new Random(7);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 3 * limit; i++) {
                TollgateClient target = random.nextDouble() < shareOnA ? a : b;
                sent.add(load.submit(() -> {
                    int status = target.post("/v1/chat/completions", tenant.key(), chat("fast")).statusCode();
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
            load.shutdown();
            int admitted = statuses.getOrDefault(200, new AtomicInteger()).get();
            int refused = statuses.getOrDefault(429, new AtomicInteger()).get();
            System.out.printf("two replicas, %.0f%% of the load on A: admitted %d of a limit of %d (%.1f%%)%n",
                    shareOnA * 100, admitted, limit, 100.0 * admitted / limit);
            assertEquals(3 * limit, admitted + refused, "only 200s and 429s: " + statuses);
            assertTrue(admitted >= limit * 0.98 && admitted <= limit * 1.01,
                    "admitted " + admitted + " of " + limit + " with " + shareOnA + " of the load on A");
        }
    }

    @Test
    @Order(2)
    void aRevocationOnOneReplicaIsRefusedOnTheOtherWithinTwoSeconds() throws Exception {
        Tenant tenant = tenant("revoked");
        awaitKey(b, tenant.key());
        assertEquals(200, b.post("/v1/chat/completions", tenant.key(), chat("demo")).statusCode());
        long revoked = System.nanoTime();
        assertEquals(200, a.delete("/v1/organization/projects/" + tenant.project() + "/api_keys/"
                + tenant.keyId(), ADMIN).statusCode());
        while (b.get("/v1/models", tenant.key()).statusCode() != 401) {
            assertTrue(System.nanoTime() - revoked < Duration.ofSeconds(2).toNanos(),
                    "still accepted on replica B 2 s after the revocation on A");
            Thread.sleep(10);
        }
        System.out.printf("revocation on A refused on B after %d ms%n", (System.nanoTime() - revoked) / 1_000_000);
    }

    @Test
    @Order(3)
    void aDatabaseOutageCostsNoValidClientA401LosesNoUsageAndTollgateRecoversByItself() throws Exception {
        Tenant open = tenant("fail-open");
        Tenant closed = tenant("fail-closed");
        for (Tenant t : List.of(open, closed)) {
            assertEquals(200, a.post("/v1/organization/projects/" + t.project() + "/settings", ADMIN,
                    "{\"max_requests_per_1_minute\":100000,\"on_database_outage\":\""
                            + (t == open ? "fail_open" : "fail_closed") + "\"}").statusCode());
            awaitKey(b, t.key());
        }
        Thread.sleep(2000);
        for (TollgateClient replica : List.of(a, b)) {
            assertEquals(200, replica.post("/v1/chat/completions", open.key(), chat("demo")).statusCode());
        }

        Map<Integer, AtomicInteger> openStatuses = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            TollgateClient target = i % 2 == 0 ? a : b;
            load.submit(() -> {
                while (running.get()) {
                    int status = target.post("/v1/chat/completions", open.key(), chat("fast")).statusCode();
                    openStatuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            });
        }
        Thread.sleep(500);
        database.close();
        long outageStarted = System.nanoTime();
        Thread.sleep(3000);
        HttpResponse<String> closedDuringOutage = null;
        for (int i = 0; i < 200 && (closedDuringOutage == null || closedDuringOutage.statusCode() == 200); i++) {
            closedDuringOutage = a.post("/v1/chat/completions", closed.key(), chat("fast"));
        }
        var ready = a.get("/health/ready", null);
        Thread.sleep(Math.max(0, 30_000 - (System.nanoTime() - outageStarted) / 1_000_000));
        startDatabase();
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

        System.out.println("during a 30 s database outage, a fail-open tenant's requests ended: " + openStatuses);
        assertEquals(0, openStatuses.getOrDefault(401, new AtomicInteger()).get(), "a cached key refused: "
                + openStatuses);
        assertTrue(openStatuses.getOrDefault(200, new AtomicInteger()).get() > 20, "served on: " + openStatuses);
        assertTrue(openStatuses.keySet().stream().allMatch(s -> s == 200 || s == 429), openStatuses.toString());
        assertEquals(503, closedDuringOutage.statusCode(), "a fail-closed project is refused: "
                + closedDuringOutage.body());
        assertEquals("admission_unavailable", json(closedDuringOutage.body()).getJsonObject("error")
                .getString("code"));
        assertEquals(200, ready.statusCode(), "still ready: a database outage is a degraded mode");
        assertTrue(ready.body().contains("unreachable"), ready.body());

        // Recovery, without a restart: admin changes work and reach both replicas, fail-closed projects pass again.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Tenant later = null;
        while (later == null && System.nanoTime() < deadline) {
            try {
                later = tenant("after-the-outage");
            } catch (AssertionError | RuntimeException notYet) {
                Thread.sleep(500);
            }
        }
        assertTrue(later != null, "the admin API works again within 30 s");
        awaitKey(b, later.key());
        int status = 0;
        while (System.nanoTime() < deadline && (status = b.post("/v1/chat/completions", closed.key(), chat("fast"))
                .statusCode()) != 200) {
            Thread.sleep(250);
        }
        assertEquals(200, status, "the fail-closed project is admitted again once the database is back");
        assertTrue(b.get("/health/ready", null).body().contains("reachable"));

        // Nothing lost: every request that reached a backend during the outage is in the ledger, exactly once.
        long served = openStatuses.entrySet().stream().filter(e -> e.getKey() != 429)
                .mapToLong(e -> e.getValue().get()).sum() + 2; // and the two made before the outage
        long events = awaitEvents(open.project(), served);
        System.out.println("ledger after the outage: " + events + " events for " + served + " requests served");
        assertEquals(served, events);
    }

    @Test
    @Order(4)
    void aReplicaStoppedUnderLoadFinishesItsStreamsTurnsNewRequestsAwayAndLosesNoUsage() throws Exception {
        Tenant tenant = tenant("sigterm");
        awaitKey(b, tenant.key());
        var slow = a.post("/v1/organization/backends", ADMIN, """
                {"name":"slow-streams","kind":"simulator","time_to_first_token_ms":50,"tokens_per_second":20,
                 "models":[{"model":"slow"}]}""");
        assertEquals(201, slow.statusCode(), slow.body());
        a.awaitModel("slow", tenant.key());
        Map<Integer, AtomicInteger> statusesOnA = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(6);
        for (int i = 0; i < 6; i++) {
            TollgateClient target = i % 2 == 0 ? a : b;
            load.submit(() -> {
                while (running.get()) {
                    try {
                        int status = target.post("/v1/chat/completions", tenant.key(), chat("fast")).statusCode();
                        if (status == 200) {
                            answered.incrementAndGet();
                        }
                        if (target == a) {
                            statusesOnA.computeIfAbsent(status, x -> new AtomicInteger()).incrementAndGet();
                        }
                    } catch (java.io.IOException stopping) {
                        Thread.sleep(20); // replica A is going away
                    }
                }
                return null;
            });
        }
        Thread.sleep(3000);
        // Streams of ~2 s open on A when SIGTERM comes: A must finish them before it stops.
        var streams = new ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < 4; i++) {
            streams.add(TollgateClient.HTTP.sendAsync(HttpRequest.newBuilder(a.uri("/v1/chat/completions"))
                    .header("Authorization", "Bearer " + tenant.key()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("model", "slow")
                            .add("max_tokens", 40).add("stream", true).add("messages", Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder().add("role", "user").add("content", "Go on")))
                            .build().toString())).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(500);
        double inFlightOnA = a.gauge("tollgate_requests_in_flight");
        long signalled = System.nanoTime();
        replicaA.terminate(); // SIGTERM under load
        String readiness = "";
        for (int i = 0; i < 20 && !readiness.contains("DOWN"); i++) {
            Thread.sleep(50);
            try {
                readiness = a.get("/health/ready", null).body();
            } catch (java.io.IOException gone) {
                readiness = "gone before it was asked: " + gone;
                break;
            }
        }
        int finished = 0;
        for (var stream : streams) {
            HttpResponse<String> answer = stream.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().stripTrailing().endsWith("data: [DONE]"), "a stream cut by the stop: "
                    + answer.body());
            finished++;
        }
        replicaA.close(); // waits for the process to end
        long stoppedMs = (System.nanoTime() - signalled) / 1_000_000;
        Thread.sleep(500);
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
        long events = awaitEvents(tenant.project(), answered.get() + finished);
        double inFlightOnB = b.gauge("tollgate_requests_in_flight");
        System.out.println("SIGTERM under load: " + finished + " open streams finished, A stopped after " + stoppedMs
                + " ms; A's clients saw " + statusesOnA + "; " + answered.get() + " short requests answered 200, "
                + events + " ledger events; readiness while draining: " + readiness + "; in flight on A before: "
                + inFlightOnA + ", on B after: " + inFlightOnB);
        assertEquals(0, inFlightOnB, "B's count of requests in flight returns to 0 once its clients stop");
        assertTrue(stoppedMs < 20_000, "A stopped once its requests in flight had ended, in " + stoppedMs + " ms");
        assertTrue(readiness.contains("DOWN") && readiness.contains("draining"), "readiness went down: " + readiness);
        assertTrue(statusesOnA.keySet().stream().allMatch(s -> s == 200 || s == 503),
                "a request reaching the stopping replica gets a retryable 503, never a 500: " + statusesOnA);
        assertTrue(events >= answered.get() + finished, "an answered request missing from the ledger: " + events
                + " < " + (answered.get() + finished));
    }

    private static long awaitEvents(String project, long expected) throws Exception {
        return LedgerEvents.awaitSettled(database.getPostgresDatabase(), project, expected, Duration.ofSeconds(30));
    }
}
