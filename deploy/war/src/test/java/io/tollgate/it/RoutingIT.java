package io.tollgate.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tollgate.it.TollgateClient.json;
import static io.tollgate.it.TollgateClient.sseData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Routing through the real WAR against several upstreams of the test's own: weighted splits, a backend dying under
 * load and coming back, peak-EWMA moving traffic off a slow backend, the hybrid router spilling a saturated
 * self-hosted tier to the cloud, drain, and the bad inputs routing refuses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoutingIT {

    static final String ADMIN = TestDatabase.ADMIN_KEY;
    static final String KEY = TestDatabase.DEMO_KEY;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateClient.deployment();
    }

    private TollgateClient tollgate() throws InterruptedException {
        TollgateClient t = new TollgateClient(base);
        t.awaitReady();
        return t;
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"route me\"}]}";
    }

    /** Registers an upstream as a backend serving {@code model}; extra JSON fields go in {@code extra}. */
    private static String backend(TollgateClient t, CountingUpstream upstream, String model, int weight, String extra)
            throws Exception {
        var created = t.post("/v1/organization/backends", ADMIN, """
                {"name":"%s-%d","kind":"openai","base_url":"%s","models":[{"model":"%s","weight":%d%s}]%s}"""
                .formatted(model, System.nanoTime(), upstream.baseUrl(), model, weight,
                        extra.contains("\"quality\"") ? extra.substring(0, extra.indexOf('|')) : "",
                        extra.contains("|") ? extra.substring(extra.indexOf('|') + 1) : extra));
        assertEquals(201, created.statusCode(), created.body());
        return json(created.body()).getString("id");
    }

    private static Map<Integer, Integer> load(TollgateClient t, String model, int requests, int threads,
                                              Map<String, String> headers) throws Exception {
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            sent.add(pool.submit(() -> {
                Map<String, String> h = new java.util.HashMap<>(headers);
                h.put("Authorization", "Bearer " + KEY);
                int status = t.post("/v1/chat/completions", h, chat(model)).statusCode();
                statuses.merge(status, 1, Integer::sum);
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return statuses;
    }

    @Test
    void splitsByWeightNineToOne() throws Exception {
        TollgateClient t = tollgate();
        try (CountingUpstream heavy = new CountingUpstream(); CountingUpstream light = new CountingUpstream()) {
            backend(t, heavy, "split", 9, "");
            backend(t, light, "split", 1, "");
            t.awaitModel("split", KEY);
            Thread.sleep(1500); // both deployments in the snapshot
            heavy.served.set(0);
            light.served.set(0);
            assertEquals(Map.of(200, 1000), load(t, "split", 1000, 8, Map.of()));
            double share = heavy.served.get() / 1000.0;
            System.out.printf("weights 9:1 over 1,000 requests: %d / %d%n", heavy.served.get(), light.served.get());
            assertEquals(0.9, share, 0.03, "observed " + heavy.served.get() + ":" + light.served.get());
        }
    }

    @Test
    void aBackendDyingUnderLoadCostsNoClientAnErrorAndComesBackAfterItsChecks() throws Exception {
        TollgateClient t = tollgate();
        try (CountingUpstream doomed = new CountingUpstream(); CountingUpstream steady = new CountingUpstream()) {
            String doomedId = backend(t, doomed, "resilient", 1, "");
            backend(t, steady, "resilient", 1, "");
            t.awaitModel("resilient", KEY);
            Thread.sleep(1500);
            AtomicBoolean running = new AtomicBoolean(true);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            for (int i = 0; i < 6; i++) {
                pool.submit(() -> {
                    while (running.get()) {
                        int s = t.post("/v1/chat/completions", KEY, chat("resilient")).statusCode();
                        statuses.computeIfAbsent(s, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                });
            }
            Thread.sleep(1000);
            doomed.kill();
            JsonObject route = awaitDeployment(t, "resilient", doomedId, d -> d.getBoolean("ejected")
                    || !d.getBoolean("healthy"), Duration.ofSeconds(5));
            System.out.println("dead backend, seen by routing: " + route);
            int servedWhileDead = doomed.served.get();
            Thread.sleep(1500);
            assertEquals(servedWhileDead, doomed.served.get());
            doomed.revive();
            awaitDeployment(t, "resilient", doomedId, d -> d.getBoolean("healthy") && !d.getBoolean("ejected"),
                    Duration.ofSeconds(5));
            Thread.sleep(1000);
            running.set(false);
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(java.util.Set.of(200), statuses.keySet(),
                    "no client error when a backend died before the first byte: " + statuses);
            assertTrue(doomed.served.get() > servedWhileDead, "traffic comes back once its checks pass");
        }
    }

    @Test
    void peakEwmaMovesTrafficOffASlowBackend() throws Exception {
        TollgateClient t = tollgate();
        try (CountingUpstream slow = new CountingUpstream(); CountingUpstream fast = new CountingUpstream()) {
            slow.delayMillis = 250;
            backend(t, slow, "ewma", 1, "");
            backend(t, fast, "ewma", 1, "");
            t.awaitModel("ewma", KEY);
            assertEquals(200, t.post("/v1/organization/model_routes/ewma", ADMIN, "{\"strategy\":\"peak_ewma\"}")
                    .statusCode());
            Thread.sleep(1500);
            load(t, "ewma", 40, 4, Map.of()); // both get measured
            slow.served.set(0);
            fast.served.set(0);
            load(t, "ewma", 300, 4, Map.of());
            System.out.printf("peak EWMA, slow (250 ms) vs fast: %d / %d%n", slow.served.get(), fast.served.get());
            assertTrue(fast.served.get() >= 0.8 * 300, "slow " + slow.served.get() + ", fast " + fast.served.get());
        }
    }

    @Test
    void theHybridRouterFollowsPriorityAndSpillsASaturatedSelfHostedTierToTheCloud() throws Exception {
        TollgateClient t = tollgate();
        try (CountingUpstream gpu = new CountingUpstream(); CountingUpstream cloud = new CountingUpstream()) {
            backend(t, gpu, "hybrid", 1, ",\"quality\":60|,\"tier\":\"self_hosted\","
                    + "\"price\":{\"input_usd_per_1m\":0.1,\"output_usd_per_1m\":0.2}");
            backend(t, cloud, "hybrid", 1, ",\"quality\":90|,\"tier\":\"cloud\","
                    + "\"price\":{\"input_usd_per_1m\":2.5,\"output_usd_per_1m\":10}");
            t.awaitModel("hybrid", KEY);
            Thread.sleep(2500); // a health round has read the GPU server's queue
            load(t, "hybrid", 20, 2, Map.of("x-tollgate-priority", "balanced"));
            assertEquals(20, gpu.served.get(), "balanced: self-hosted while it has room");
            load(t, "hybrid", 20, 2, Map.of("x-tollgate-priority", "quality"));
            assertEquals(20, cloud.served.get(), "quality: the highest quality rank");
            load(t, "hybrid", 20, 2, Map.of("x-tollgate-priority", "cost"));
            assertEquals(40, gpu.served.get(), "cost: the cheapest per token");

            gpu.waiting = 120; // the GPU server's queue fills up
            Thread.sleep(2500);
            load(t, "hybrid", 20, 2, Map.of("x-tollgate-priority", "balanced"));
            assertEquals(40, cloud.served.get(), "balanced spills a saturated self-hosted tier to the cloud");
            gpu.waiting = 0;
            Thread.sleep(2500);
            load(t, "hybrid", 10, 2, Map.of("x-tollgate-priority", "balanced"));
            assertEquals(50, gpu.served.get(), "and comes back when the queue drains");
            var bad = t.post("/v1/chat/completions", Map.of("Authorization", "Bearer " + KEY,
                    "x-tollgate-priority", "cheapest"), chat("hybrid"));
            assertEquals(400, bad.statusCode());
            assertEquals("x-tollgate-priority", json(bad.body()).getJsonObject("error").getString("param"));
        }
    }

    @Test
    void aDrainedBackendFinishesItsStreamsAndTakesNoNewRequests() throws Exception {
        TollgateClient t = tollgate();
        try (CountingUpstream leaving = new CountingUpstream(); CountingUpstream staying = new CountingUpstream()) {
            String leavingId = backend(t, leaving, "drain", 1, "");
            backend(t, staying, "drain", 1, "");
            t.awaitModel("drain", KEY);
            assertEquals(200, t.post("/v1/organization/model_routes/drain", ADMIN, "{\"strategy\":\"round_robin\"}")
                    .statusCode()); // turn by turn: both backends get streams
            Thread.sleep(1500);
            List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                streams.add(TollgateClient.HTTP.sendAsync(HttpRequest.newBuilder(t.uri("/v1/chat/completions"))
                        .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"drain\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (leaving.served.get() + staying.served.get() < 6 && System.nanoTime() < until) {
                Thread.sleep(50); // the streams are under way on both backends
            }
            int startedOnLeaving = leaving.served.get();
            assertTrue(startedOnLeaving > 0, "some streams went to the backend about to drain");
            var drained = t.post("/v1/organization/backends/" + leavingId + "/drain", ADMIN, "");
            assertEquals(200, drained.statusCode(), drained.body());
            assertTrue(json(drained.body()).getBoolean("draining"));
            load(t, "drain", 30, 3, Map.of());
            assertEquals(startedOnLeaving, leaving.served.get(), "no new request reached the drained backend");
            for (var s : streams) {
                HttpResponse<String> done = s.get(30, TimeUnit.SECONDS);
                assertEquals(200, done.statusCode());
                List<String> events = sseData(done.body());
                assertEquals("[DONE]", events.get(events.size() - 1), "streams in flight finish");
            }
            assertEquals(200, t.post("/v1/organization/backends/" + leavingId + "/resume", ADMIN, "").statusCode());
            Thread.sleep(300);
            load(t, "drain", 30, 3, Map.of());
            assertTrue(leaving.served.get() > startedOnLeaving, "resumed, it takes requests again");
        }
    }

    @Test
    void refusesRoutingChangesThatMakeNoSense() throws Exception {
        TollgateClient t = tollgate();
        String base = "{\"name\":\"bad-%d\",\"kind\":\"openai\",\"base_url\":\"%s\",\"models\":%s}";
        for (String[] c : new String[][]{
                {"http://127.0.0.1:9/v1", "[{\"model\":\"x\",\"weight\":-1}]", "models[0].weight"},
                {"http://127.0.0.1:9/v1", "[{\"model\":\"x\",\"weight\":0},{\"model\":\"y\",\"weight\":0}]",
                        "models[0].weight"},
                {"ftp://example.com/v1", "[{\"model\":\"x\"}]", "base_url"},
                {"http://127.0.0.1:9/v1", "[{\"model\":\"x\",\"quality\":101}]", "models[0].quality"}}) {
            var answer = t.post("/v1/organization/backends", ADMIN, base.formatted(System.nanoTime(), c[0], c[1]));
            assertEquals(400, answer.statusCode(), answer.body());
            assertEquals(c[2], json(answer.body()).getJsonObject("error").getString("param"));
        }
        var strategy = t.post("/v1/organization/model_routes/demo", ADMIN, "{\"strategy\":\"fastest\"}");
        assertEquals(400, strategy.statusCode());
        assertEquals("strategy", json(strategy.body()).getJsonObject("error").getString("param"));
        assertEquals(404, t.post("/v1/organization/model_routes/no-such-model", ADMIN,
                "{\"strategy\":\"weighted\"}").statusCode());
        var routes = json(t.get("/v1/organization/model_routes", ADMIN).body());
        assertTrue(routes.getJsonArray("data").stream().anyMatch(r -> r.asJsonObject().getString("model")
                .equals("demo")));
    }

    /** Waits until the model's deployment on {@code backendId} matches, as the admin API reports it. */
    private static JsonObject awaitDeployment(TollgateClient t, String model, String backendId,
                                              java.util.function.Predicate<JsonObject> condition, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            for (var d : json(t.get("/v1/organization/model_routes/" + model, ADMIN).body())
                    .getJsonArray("deployments")) {
                JsonObject deployment = d.asJsonObject();
                if (deployment.getString("backend_id").equals(backendId)) {
                    last = deployment;
                    if (condition.test(deployment)) {
                        return deployment;
                    }
                }
            }
            Thread.sleep(100);
        }
        fail("deployment " + backendId + " never matched within " + within + "; last " + last);
        return null;
    }
}
