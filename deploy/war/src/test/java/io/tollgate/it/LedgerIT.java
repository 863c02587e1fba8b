package io.tollgate.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.tollgate.it.TollgateClient.json;
import static io.tollgate.it.TollgateClient.sseData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The usage ledger through the real WAR: a mix of streamed and non-streamed requests, embeddings, a client that hangs
 * up mid-stream, failures before and after the first byte — the ledger holds what the clients were told, to the
 * token (the estimate where the upstream said nothing), and the Usage and Costs APIs, read with the official npm
 * client, return the same totals.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LedgerIT {

    static final String ADMIN = TestDatabase.ADMIN_KEY;
    static TestUpstream upstream;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateClient.deployment();
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new TestUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    private static String chat(String model, boolean stream, boolean includeUsage, int maxTokens) {
        var b = Json.createObjectBuilder().add("model", model).add("stream", stream).add("max_tokens", maxTokens)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "user").add("content", "Count the tokens, ledger!")));
        if (stream && includeUsage) {
            b.add("stream_options", Json.createObjectBuilder().add("include_usage", true));
        }
        return b.build().toString();
    }

    private static void backend(TollgateClient t, String body) throws Exception {
        var created = t.post("/v1/organization/backends", ADMIN, body);
        assertEquals(201, created.statusCode(), created.body());
    }

    @Test
    void holdsWhatClientsWereToldAndTheUsageApiAgrees() throws Exception {
        TollgateClient t = new TollgateClient(base);
        t.awaitReady();
        long start = Instant.now().getEpochSecond() - 60;
        String project = json(t.post("/v1/organization/projects", ADMIN, "{\"name\":\"ledger\"}").body()).getString("id");
        String key = json(t.post("/v1/organization/projects/" + project + "/service_accounts", ADMIN,
                "{\"name\":\"bot\"}").body()).getJsonObject("api_key").getString("value");
        String suffix = Long.toString(System.nanoTime());
        // USD 1 per 1M input tokens, 2 per 1M output tokens.
        String price = "\"price\":{\"input_usd_per_1m\":1,\"output_usd_per_1m\":2}";
        backend(t, "{\"name\":\"ledger-sim-" + suffix + "\",\"kind\":\"simulator\",\"time_to_first_token_ms\":0,"
                + "\"tokens_per_second\":5000,\"models\":[{\"model\":\"ledger-sim\"}]," + price + "}");
        backend(t, "{\"name\":\"ledger-slow-" + suffix + "\",\"kind\":\"simulator\",\"time_to_first_token_ms\":0,"
                + "\"tokens_per_second\":10,\"models\":[{\"model\":\"ledger-slow\"}]," + price + "}");
        // Failing before the first byte: an upstream that answers 503 (healthy to the free checks, failing requests).
        backend(t, "{\"name\":\"ledger-dead-" + suffix + "\",\"kind\":\"openai\",\"base_url\":\"" + upstream.baseUrl()
                + "\",\"models\":[{\"model\":\"ledger-dead\",\"upstream_model\":\"upstream-broken\"}]}");
        backend(t, "{\"name\":\"ledger-stall-" + suffix + "\",\"kind\":\"openai\",\"base_url\":\"" + upstream.baseUrl()
                + "\",\"models\":[{\"model\":\"ledger-stall\",\"upstream_model\":\"upstream-gated\"}],"
                + "\"timeouts\":{\"idle_ms\":700}," + price + "}");
        for (String model : List.of("ledger-sim", "ledger-slow", "ledger-dead", "ledger-stall")) {
            t.awaitModel(model, key);
        }

        long input = 0;
        long output = 0;
        long requests = 0;
        for (int i = 0; i < 3; i++) {
            JsonObject usage = json(t.post("/v1/chat/completions", key, chat("ledger-sim", false, false, 30 + i))
                    .body()).getJsonObject("usage");
            input += usage.getInt("prompt_tokens");
            output += usage.getInt("completion_tokens");
            requests++;
        }
        for (int i = 0; i < 2; i++) {
            List<String> events = sseData(t.post("/v1/chat/completions", key, chat("ledger-sim", true, true, 40))
                    .body());
            JsonObject usage = json(events.get(events.size() - 2)).getJsonObject("usage");
            input += usage.getInt("prompt_tokens");
            output += usage.getInt("completion_tokens");
            requests++;
        }
        // A stream whose client did not ask for usage is billed all the same: as its non-streamed twin reports.
        JsonObject twin = json(t.post("/v1/chat/completions", key, chat("ledger-sim", false, false, 50)).body())
                .getJsonObject("usage");
        assertEquals(200, t.post("/v1/chat/completions", key, chat("ledger-sim", true, false, 50)).statusCode());
        input += 2L * twin.getInt("prompt_tokens");
        output += 2L * twin.getInt("completion_tokens");
        requests += 2;
        long embeddingInput = 0;
        for (String text : List.of("one two three", "four five")) {
            var e = t.post("/v1/embeddings", key, "{\"model\":\"ledger-sim\",\"input\":\"" + text + "\"}");
            embeddingInput += json(e.body()).getJsonObject("usage").getInt("prompt_tokens");
        }

        assertEquals(502, t.post("/v1/chat/completions", key, chat("ledger-dead", false, false, 10)).statusCode());
        hangUpMidStream(t, key);
        var stalled = t.post("/v1/chat/completions", key, chat("ledger-stall", true, false, 10));
        assertEquals(200, stalled.statusCode());
        assertTrue(stalled.body().contains("\"error\""), "the stream ends with an error event: " + stalled.body());
        upstream.release.countDown();

        // The events the clients could not be told about: counted by Tollgate from what was generated.
        Map<String, long[]> unusual = awaitUnusualEvents(project);
        long[] abandoned = unusual.get("499");
        long[] broken = unusual.get("stall");
        long[] failed = unusual.get("502");
        assertTrue(abandoned[1] > 0 && abandoned[2] > 0, "an abandoned stream is billed for what was generated");
        assertTrue(broken[1] >= 1 && broken[3] == 1, "a stream broken after its first byte is billed, estimated");
        assertEquals(0, failed[0] + failed[1], "a request no backend answered costs nothing");
        input += abandoned[0] + broken[0];
        output += abandoned[1] + broken[1];
        requests += 2;

        long costNano = (input * 1000 + output * 2000) + embeddingInput * 1000;
        var expected = Map.of("PROJECT_ID", project, "START_TIME", Long.toString(start), "TOLLGATE_ADMIN_KEY", ADMIN,
                "EXPECT_INPUT", Long.toString(input), "EXPECT_OUTPUT", Long.toString(output),
                "EXPECT_REQUESTS", Long.toString(requests), "EXPECT_EMBEDDING_INPUT", Long.toString(embeddingInput),
                "EXPECT_COST_USD", java.math.BigDecimal.valueOf(costNano, 9).toPlainString());
        awaitRollups(t, project, start, requests);
        String output2 = t.node("usage-e2e.mjs", expected);
        assertTrue(output2.contains("usage-e2e: ok"), output2);

        OpenAiContract.assertConforms("UsageResponse", t.get("/v1/organization/usage/completions?start_time=" + start
                + "&group_by=model&project_ids=" + project, ADMIN).body());
        OpenAiContract.assertConforms("UsageResponse", t.get("/v1/organization/costs?start_time=" + start, ADMIN).body());
        var export = t.get("/v1/organization/projects/" + project + "/usage/export?start_date="
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1) + "&end_date="
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1), ADMIN);
        assertEquals(200, export.statusCode(), export.body());
        long exported = export.body().lines().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[5])).sum();
        assertEquals(requests + 2, exported, "the billing export has every billed request (and the embeddings)");
    }

    @Test
    void refusesUnboundedOrMalformedUsageQueries() throws Exception {
        TollgateClient t = new TollgateClient(base);
        t.awaitReady();
        long now = Instant.now().getEpochSecond();
        for (String query : List.of("", "?start_time=abc", "?start_time=" + now + "&end_time=" + (now - 10),
                "?start_time=" + now + "&bucket_width=1w", "?start_time=" + now + "&group_by=colour",
                "?start_time=" + now + "&bucket_width=1h&limit=169", "?start_time=" + now + "&page=12")) {
            var answer = t.get("/v1/organization/usage/completions" + query, ADMIN);
            assertEquals(400, answer.statusCode(), query + ": " + answer.body());
            assertTrue(json(answer.body()).getJsonObject("error").containsKey("param"));
        }
        assertEquals(400, t.get("/v1/organization/costs?start_time=" + now + "&bucket_width=1h", ADMIN).statusCode());
        assertEquals(400, t.get("/v1/organization/costs?start_time=" + now + "&group_by=model", ADMIN).statusCode());
        assertEquals(403, t.get("/v1/organization/usage/completions?start_time=" + now, TestDatabase.DEMO_KEY)
                .statusCode());
        var page = json(t.get("/v1/organization/usage/completions?start_time=" + (now - 3 * 86400)
                + "&bucket_width=1d&limit=2", ADMIN).body());
        assertTrue(page.getBoolean("has_more"));
        var next = json(t.get("/v1/organization/usage/completions?start_time=" + (now - 3 * 86400)
                + "&bucket_width=1d&limit=2&page=" + page.getString("next_page"), ADMIN).body());
        assertEquals(page.getJsonArray("data").getJsonObject(1).getInt("end_time"),
                next.getJsonArray("data").getJsonObject(0).getInt("start_time"), "pages continue where they stopped");
    }

    /** Starts a slow stream, reads its first chunk, and closes the connection. */
    private static void hangUpMidStream(TollgateClient t, String key) throws Exception {
        HttpResponse<InputStream> stream = TollgateClient.HTTP.send(HttpRequest.newBuilder(t.uri("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("ledger-slow", true, false, 200))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            byte[] buffer = new byte[4096];
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (read < 400 && System.nanoTime() < deadline) {
                int n = body.read(buffer);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        }
    }

    /** prompt, completion, cost and estimated flag of the 499, the stalled and the 502 event, once written. */
    private static Map<String, long[]> awaitUnusualEvents(String project) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = TestDatabase.connect(); PreparedStatement st = c.prepareStatement("""
                    select case when status = 499 then '499' when status = 502 then '502' else 'stall' end,
                           prompt_tokens, completion_tokens, cost_nano_usd, usage_estimated::int
                    from usage_events where project_id = ? and (status in (499, 502) or model = 'ledger-stall')""")) {
                st.setString(1, project);
                Map<String, long[]> found = new java.util.HashMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                    }
                }
                if (found.size() == 3) {
                    return found;
                }
            }
            Thread.sleep(100);
        }
        fail("the abandoned, stalled and failed requests' events were not written within 15 s");
        return null;
    }

    private static void awaitRollups(TollgateClient t, String project, long start, long requests) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long counted = -1;
        while (System.nanoTime() < deadline) {
            var page = json(t.get("/v1/organization/usage/completions?start_time=" + start + "&project_ids=" + project,
                    ADMIN).body());
            counted = page.getJsonArray("data").stream().flatMap(b -> b.asJsonObject().getJsonArray("results")
                    .stream()).mapToLong(r -> r.asJsonObject().getJsonNumber("num_model_requests").longValue()).sum();
            if (counted == requests) {
                return;
            }
            Thread.sleep(100);
        }
        StringBuilder events = new StringBuilder();
        try (Connection c = TestDatabase.connect(); PreparedStatement st = c.prepareStatement(
                "select model, endpoint, status, streamed, client_disconnected, prompt_tokens, completion_tokens "
                        + "from usage_events where project_id = ? order by occurred_at")) {
            st.setString(1, project);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    events.append(String.format("%n  %s %s %d stream=%s gone=%s %d/%d", rs.getString(1),
                            rs.getString(2), rs.getInt(3), rs.getBoolean(4), rs.getBoolean(5), rs.getInt(6),
                            rs.getInt(7)));
                }
            }
        }
        fail("the rollups did not reach " + requests + " requests within 10 s: " + counted + events);
    }
}
