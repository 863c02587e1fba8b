package io.tollgate.it;

import jakarta.json.Json;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.tollgate.it.TollgateClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admission on one replica, through the real WAR on Payara Micro: the limits' admin API in OpenAI's shapes, 429s and
 * {@code x-ratelimit-*} headers as OpenAI sends them, reservations refunded on settlement, and no path around it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdmissionIT {

    static final String ADMIN = TestDatabase.ADMIN_KEY;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateClient.deployment();
    }

    private TollgateClient tollgate() throws InterruptedException {
        TollgateClient client = new TollgateClient(base);
        client.awaitReady();
        return client;
    }

    /** A fresh project (its own limits) and the key of a service account in it. */
    private record Tenant(String project, String key) {
    }

    private Tenant tenant(TollgateClient t) throws Exception {
        String project = json(t.post("/v1/organization/projects", ADMIN, "{\"name\":\"admission\"}").body())
                .getString("id");
        String key = json(t.post("/v1/organization/projects/" + project + "/service_accounts", ADMIN,
                "{\"name\":\"bot\"}").body()).getJsonObject("api_key").getString("value");
        return new Tenant(project, key);
    }

    private static String chat(String model, int maxTokens) {
        return Json.createObjectBuilder().add("model", model).add("max_tokens", maxTokens)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "user").add("content", "Hello, gateway!"))).build().toString();
    }

    /** A fast simulator backend for a model of its own, optionally priced (USD per 1M tokens). */
    private static String simulator(TollgateClient t, String model, int ttftMs, String price) throws Exception {
        var created = t.post("/v1/organization/backends", ADMIN, """
                {"name":"%s-%d","kind":"simulator","time_to_first_token_ms":%d,"tokens_per_second":2000,
                 "models":[{"model":"%s"}]%s}""".formatted(model, System.nanoTime(), ttftMs, model,
                price == null ? "" : ",\"price\":" + price));
        assertEquals(201, created.statusCode(), created.body());
        return json(created.body()).getString("id");
    }

    /** Waits so a test counting per minute does not straddle two windows. */
    private static void awayFromMinuteEnd(int seconds) throws InterruptedException {
        long intoMinute = Instant.now().getEpochSecond() % 60;
        if (intoMinute > 60 - seconds) {
            Thread.sleep((60 - intoMinute) * 1000 + 200);
        }
    }

    private static JsonObject error(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = json(response.body()).getJsonObject("error");
        if (code != null) {
            assertEquals(code, error.getString("code"), response.body());
        }
        return error;
    }

    @Test
    void managesRateLimitsInOpenAisShapes() throws Exception {
        TollgateClient t = tollgate();
        Tenant tenant = tenant(t);
        String path = "/v1/organization/projects/" + tenant.project() + "/rate_limits";
        var list = t.get(path, ADMIN);
        assertEquals(200, list.statusCode(), list.body());
        OpenAiContract.assertConforms("ProjectRateLimitListResponse", list.body());
        var entries = json(list.body()).getJsonArray("data");
        assertTrue(entries.stream().map(v -> v.asJsonObject().getString("model")).anyMatch("demo"::equals),
                "one entry per model the project may use: " + entries);

        var updated = t.post(path + "/rl-demo", ADMIN,
                "{\"max_requests_per_1_minute\":40,\"max_tokens_per_1_minute\":9000,\"max_requests_per_1_day\":500}");
        assertEquals(200, updated.statusCode(), updated.body());
        OpenAiContract.assertConforms("ProjectRateLimit", updated.body());
        JsonObject limit = json(updated.body());
        assertEquals("rl-demo", limit.getString("id"));
        assertEquals(40, limit.getInt("max_requests_per_1_minute"));
        assertEquals(500, limit.getInt("max_requests_per_1_day"));
        var partly = json(t.post(path + "/rl-demo", ADMIN, "{\"max_tokens_per_1_minute\":0}").body());
        assertEquals(40, partly.getInt("max_requests_per_1_minute"), "fields left out keep their value");
        assertEquals(0, partly.getInt("max_tokens_per_1_minute"), "0 removes a limit");

        assertEquals("max_images_per_1_minute", error(t.post(path + "/rl-demo", ADMIN,
                "{\"max_images_per_1_minute\":3}"), 400, null).getString("param"));
        assertEquals("max_requests_per_1_minute", error(t.post(path + "/rl-demo", ADMIN,
                "{\"max_requests_per_1_minute\":-1}"), 400, null).getString("param"));
        error(t.post(path + "/rl-no-such-model", ADMIN, "{\"max_requests_per_1_minute\":1}"), 404, "not_found");
        error(t.get("/v1/organization/projects/proj_missing/rate_limits", ADMIN), 404, "not_found");
        error(t.get(path, tenant.key()), 403, "insufficient_permissions");
    }

    @Test
    void admitsExactlyTheRequestsPerMinuteThenAnswers429AsOpenAiDoes() throws Exception {
        TollgateClient t = tollgate();
        Tenant tenant = tenant(t);
        assertEquals(200, t.post("/v1/organization/projects/" + tenant.project() + "/rate_limits/rl-demo", ADMIN,
                "{\"max_requests_per_1_minute\":5}").statusCode());
        awayFromMinuteEnd(15);
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(t.post("/v1/chat/completions", tenant.key(), chat("demo", 16)));
        }
        for (int i = 0; i < 5; i++) {
            var ok = answers.get(i);
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("5", ok.headers().firstValue("x-ratelimit-limit-requests").orElse(null));
            assertEquals(Integer.toString(4 - i), ok.headers().firstValue("x-ratelimit-remaining-requests").orElse(null));
            assertTrue(ok.headers().firstValue("x-ratelimit-reset-requests").orElse("").matches("\\d+(\\.\\d+)?m?s"),
                    ok.headers().map().toString());
        }
        for (int i = 5; i < 8; i++) {
            var refused = answers.get(i);
            JsonObject e = error(refused, 429, "rate_limit_exceeded");
            assertEquals("requests", e.getString("type"));
            assertTrue(e.getString("message").contains("Limit 5"), e.getString("message"));
            long retry = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
            assertEquals("0", refused.headers().firstValue("x-ratelimit-remaining-requests").orElse(null));
        }
    }

    @Test
    void refundsTheUnusedTokensOfAReservation() throws Exception {
        TollgateClient t = tollgate();
        Tenant tenant = tenant(t);
        var settings = t.post("/v1/organization/projects/" + tenant.project() + "/settings", ADMIN,
                "{\"max_tokens_per_1_minute\":500}");
        assertEquals(200, settings.statusCode(), settings.body());
        awayFromMinuteEnd(15);
        // Each reserves its prompt + 400; the simulator answers far fewer tokens, and the rest comes back.
        var first = t.post("/v1/chat/completions", tenant.key(), chat("demo", 400));
        assertEquals(200, first.statusCode(), first.body());
        int used = json(first.body()).getJsonObject("usage").getInt("total_tokens");
        assertEquals("500", first.headers().firstValue("x-ratelimit-limit-tokens").orElse(null));
        var second = t.post("/v1/chat/completions", tenant.key(), chat("demo", 400));
        assertEquals(200, second.statusCode(), "admitted only if the first one's unused reservation was refunded: "
                + second.body());
        used += json(second.body()).getJsonObject("usage").getInt("total_tokens");
        var third = t.post("/v1/chat/completions", tenant.key(), chat("demo", 500 - used));
        JsonObject e = error(third, 429, "rate_limit_exceeded");
        assertEquals("tokens", e.getString("type"));
        assertNotNull(third.headers().firstValue("x-ratelimit-remaining-tokens").orElse(null));
    }

    @Test
    void refusesPastTheMonthlyTokenQuotaAndTheSpendLimitWithInsufficientQuota() throws Exception {
        TollgateClient t = tollgate();
        Tenant tenant = tenant(t);
        String settings = "/v1/organization/projects/" + tenant.project() + "/settings";
        assertEquals(200, t.post(settings, ADMIN, "{\"monthly_token_quota\":100}").statusCode());
        error(t.post("/v1/chat/completions", tenant.key(), chat("demo", 200)), 429, "insufficient_quota");
        assertEquals(200, t.post("/v1/chat/completions", tenant.key(), chat("demo", 20)).statusCode());
        assertEquals(200, t.post(settings, ADMIN, "{\"monthly_token_quota\":null}").statusCode());

        // Output at USD 1,000 per 1M tokens: 50 tokens reserve USD 0.05, over a USD 0.01 limit; 5 tokens fit.
        simulator(t, "priced", 0, "{\"input_usd_per_1m\":0,\"output_usd_per_1m\":1000}");
        t.awaitModel("priced", tenant.key());
        String spend = "/v1/organization/projects/" + tenant.project() + "/spend_limit";
        error(t.get(spend, ADMIN), 404, "not_found");
        var limited = t.post(spend, ADMIN, "{\"threshold_amount\":1,\"currency\":\"USD\",\"interval\":\"month\"}");
        assertEquals(200, limited.statusCode(), limited.body());
        OpenAiContract.assertConforms("ProjectSpendLimitResource", limited.body());
        assertEquals(1, json(limited.body()).getInt("threshold_amount"), "USD 0.01, in cents");
        JsonObject e = error(t.post("/v1/chat/completions", tenant.key(), chat("priced", 50)), 429,
                "insufficient_quota");
        assertEquals("insufficient_quota", e.getString("type"));
        assertEquals(200, t.post("/v1/chat/completions", tenant.key(), chat("priced", 5)).statusCode());
        OpenAiContract.assertConforms("ProjectSpendLimitResource", t.get(spend, ADMIN).body());
        var removed = t.delete(spend, ADMIN);
        assertEquals(200, removed.statusCode(), removed.body());
        OpenAiContract.assertConforms("ProjectSpendLimitDeletedResource", removed.body());
        assertEquals(200, t.post("/v1/chat/completions", tenant.key(), chat("priced", 50)).statusCode(),
                "no limit, no refusal");
        assertEquals("threshold_amount", error(t.post(spend, ADMIN,
                "{\"threshold_amount\":-3,\"currency\":\"USD\",\"interval\":\"month\"}"), 400, null)
                .getString("param"));
        assertEquals("currency", error(t.post(spend, ADMIN,
                "{\"threshold_amount\":300,\"currency\":\"EUR\",\"interval\":\"month\"}"), 400, null)
                .getString("param"));
    }

    @Test
    void holdsConcurrentRequestsToTheLimitAndGivesSlotsBack() throws Exception {
        TollgateClient t = tollgate();
        Tenant tenant = tenant(t);
        simulator(t, "slow-sim", 1500, null);
        t.awaitModel("slow-sim", tenant.key());
        assertEquals(200, t.post("/v1/organization/projects/" + tenant.project() + "/settings", ADMIN,
                "{\"max_concurrent_requests\":2}").statusCode());
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(TollgateClient.HTTP.sendAsync(HttpRequest.newBuilder(t.uri("/v1/chat/completions"))
                    .header("Authorization", "Bearer " + tenant.key()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(chat("slow-sim", 8))).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        long ok = 0;
        long refused = 0;
        for (var f : inFlight) {
            int status = f.get().statusCode();
            ok += status == 200 ? 1 : 0;
            refused += status == 429 ? 1 : 0;
        }
        assertEquals(2, ok);
        assertEquals(3, refused);
        assertEquals(200, t.post("/v1/chat/completions", tenant.key(), chat("slow-sim", 8)).statusCode(),
                "slots come back when requests end");
    }

    @Test
    void noRequestGoesAroundAdmissionWhateverItsShape() throws Exception {
        TollgateClient t = tollgate();
        Tenant tenant = tenant(t);
        assertEquals(200, t.post("/v1/organization/projects/" + tenant.project() + "/settings", ADMIN,
                "{\"max_requests_per_1_minute\":1}").statusCode());
        awayFromMinuteEnd(10);
        assertEquals(200, t.post("/v1/embeddings", tenant.key(),
                "{\"model\":\"demo\",\"input\":\"hello\"}").statusCode());
        error(t.post("/v1/chat/completions", tenant.key(), chat("demo", 8)), 429, "rate_limit_exceeded");
        error(t.post("/v1/completions", tenant.key(), "{\"model\":\"demo\",\"prompt\":\"hi\"}"), 429,
                "rate_limit_exceeded");
        var messages = t.post("/v1/messages", java.util.Map.of("x-api-key", tenant.key(),
                "anthropic-version", "2023-06-01"), "{\"model\":\"demo\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(429, messages.statusCode(), messages.body());
        assertEquals("rate_limit_error", json(messages.body()).getJsonObject("error").getString("type"),
                "Anthropic's shape for Anthropic's clients");
        assertTrue(messages.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void refundsTheWholeReservationWhenNoBackendAnswered() throws Exception {
        TollgateClient t = tollgate();
        Tenant tenant = tenant(t);
        var dead = t.post("/v1/organization/backends", ADMIN, """
                {"name":"dead-%d","kind":"openai","base_url":"http://127.0.0.1:9/v1","models":[{"model":"dead"}],
                 "timeouts":{"connect_ms":500}}""".formatted(System.nanoTime()));
        assertEquals(201, dead.statusCode(), dead.body());
        t.awaitModel("dead", tenant.key());
        assertEquals(200, t.post("/v1/organization/projects/" + tenant.project() + "/rate_limits/rl-dead", ADMIN,
                "{\"max_requests_per_1_minute\":1}").statusCode());
        awayFromMinuteEnd(15);
        for (int i = 0; i < 3; i++) {
            var failed = t.post("/v1/chat/completions", tenant.key(), chat("dead", 8));
            assertTrue(failed.statusCode() == 502 || failed.statusCode() == 503,
                    "attempt " + i + " is refunded (or refused before admission once marked down), never a 429: "
                            + failed.body());
        }
    }

    @Test
    void auditsEveryAdminChangeInOpenAisAuditLogShape() throws Exception {
        TollgateClient t = tollgate();
        Tenant tenant = tenant(t);
        String keyId = json(t.get("/v1/organization/projects/" + tenant.project() + "/api_keys", ADMIN).body())
                .getJsonArray("data").getJsonObject(0).getString("id");
        assertEquals(200, t.post("/v1/organization/projects/" + tenant.project() + "/rate_limits/rl-demo", ADMIN,
                "{\"max_requests_per_1_minute\":7}").statusCode());
        assertEquals(200, t.delete("/v1/organization/projects/" + tenant.project() + "/api_keys/" + keyId, ADMIN)
                .statusCode());
        var page = t.get("/v1/organization/audit_logs?project_ids[]=" + tenant.project() + "&limit=20", ADMIN);
        assertEquals(200, page.statusCode(), page.body());
        OpenAiContract.assertConforms("ListAuditLogsResponse", page.body());
        var entries = json(page.body()).getJsonArray("data");
        List<String> types = entries.stream().map(e -> e.asJsonObject().getString("type")).toList();
        assertEquals(List.of("api_key.deleted", "rate_limit.updated", "api_key.created", "service_account.created",
                "project.created"), types, "newest first, every change");
        JsonObject rateLimit = entries.getJsonObject(1);
        assertEquals(7, rateLimit.getJsonObject("rate_limit.updated").getJsonObject("changes_requested")
                .getInt("max_requests_per_1_minute"));
        assertEquals("api_key", rateLimit.getJsonObject("actor").getString("type"));
        assertTrue(rateLimit.getJsonObject("actor").getJsonObject("api_key").getString("id").startsWith("key_"),
                "the admin key that made the change");
        var deletions = json(t.get("/v1/organization/audit_logs?event_types[]=api_key.deleted&resource_ids[]=" + keyId,
                ADMIN).body()).getJsonArray("data");
        assertEquals(1, deletions.size());
        assertEquals(403, t.get("/v1/organization/audit_logs", TestDatabase.DEMO_KEY).statusCode(),
                "a tenant key cannot read it");
    }

    @Test
    void servesItsOwnSettingsInTheOpenApiDocumentAndKeepsToIt() throws Exception {
        TollgateClient t = tollgate();
        Tenant tenant = tenant(t);
        var document = TollgateClient.HTTP.send(HttpRequest.newBuilder(t.uri("/openapi"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, document.statusCode());
        JsonObject paths = json(document.body()).getJsonObject("paths");
        for (String path : List.of("/v1/organization/projects/{project_id}/settings",
                "/v1/organization/projects/{project_id}/rate_limits",
                "/v1/organization/projects/{project_id}/api_keys/{key_id}", "/v1/organization/backends")) {
            assertTrue(paths.containsKey(path), path + " documented");
        }
        String settings = "/v1/organization/projects/" + tenant.project() + "/settings";
        OpenAiContract.assertConforms(document.body(), "ProjectSettings", t.get(settings, ADMIN).body());
        String changed = t.post(settings, ADMIN, "{\"max_requests_per_1_minute\":100,\"monthly_token_quota\":"
                + "5000000000,\"max_concurrent_requests\":8,\"on_database_outage\":\"fail_closed\"}").body();
        OpenAiContract.assertConforms(document.body(), "ProjectSettings", changed);
        assertEquals(5_000_000_000L, json(changed).getJsonNumber("monthly_token_quota").longValue());
        assertEquals("fail_closed", json(changed).getString("on_database_outage"));
        assertEquals("on_database_outage", error(t.post(settings, ADMIN, "{\"on_database_outage\":\"maybe\"}"), 400,
                null).getString("param"));
        assertEquals("max_tokens", error(t.post(settings, ADMIN, "{\"max_tokens\":1}"), 400,
                null).getString("param"));
        assertFalse(t.post(settings, ADMIN, "{\"max_concurrent_requests\":1.5}").statusCode() == 200);
    }
}
