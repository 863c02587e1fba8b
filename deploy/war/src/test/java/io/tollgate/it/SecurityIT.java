package io.tollgate.it;

import io.tollgate.gateway.platform.CredentialCipher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.tollgate.it.TollgateClient.json;
import static io.tollgate.it.OpenAiContract.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The security review as tests, against the real tollgate.war in a Payara Micro process of its own (so its whole
 * output can be read afterwards) on a PostgreSQL of its own: every key and credential issued or presented is
 * collected, used (valid, revoked, wrong), then looked for in every log line and every column of every table; tenant
 * keys against the whole admin API; security headers; header and body size limits; no URL a tenant can set; the
 * credential key rotated; and a fuzzer over the admin API's path parameters, wrong encodings, content types and
 * truncated bodies — zero 5xx, zero stack traces, healthy afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    static final String ADMIN = TestDatabase.ADMIN_KEY;
    /** The replica runs on a new key with the tests' usual one as the previous: a rotation in progress. */
    static final String CURRENT_ENCRYPTION_KEY = Base64.getEncoder().encodeToString(
            "rotated-key-rotated-key-rotated!".getBytes(StandardCharsets.US_ASCII));
    /** How long a body may pause on this replica before it is refused (the default is 10 s). */
    static final Duration STALLED_BODY_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern ISSUED_KEY = Pattern.compile("sk-tg(adm)?-[0-9A-Za-z]{20,}");

    /** Every secret that went through Tollgate in this test: none may show up in a log or in clear in a table. */
    static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static EmbeddedPostgres database;
    private static ReplicaProcess replica;
    private static TollgateClient tollgate;
    private static TestUpstream upstream;
    private static Tenant projectA;
    private static Tenant projectB;

    private record Tenant(String project, String key, String keyId) {
    }

    @BeforeAll
    static void startTollgate() throws Exception {
        database = EmbeddedPostgres.builder().start();
        upstream = new TestUpstream();
        replica = ReplicaProcess.start("security", database.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                Files.createTempDirectory("tollgate-security-spill"), List.of(
                        "-DTOLLGATE_ENCRYPTION_KEY=" + CURRENT_ENCRYPTION_KEY,
                        "-DTOLLGATE_ENCRYPTION_KEY_PREVIOUS=" + TestDatabase.ENCRYPTION_KEY,
                        "-DTOLLGATE_BODY_IDLE_TIMEOUT_MS=" + STALLED_BODY_TIMEOUT.toMillis()));
        tollgate = new TollgateClient(replica.url());
        SECRETS.addAll(List.of(ADMIN, TestDatabase.DEMO_KEY, TestDatabase.ENCRYPTION_KEY, CURRENT_ENCRYPTION_KEY,
                "integration-test-password"));
        replica.awaitReady(tollgate);
        projectA = tenant("project-a");
        projectB = tenant("project-b");
    }

    @AfterAll
    static void stopTollgate() throws Exception {
        if (replica != null) {
            replica.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (database != null) {
            database.close();
        }
    }

    // ---- keys and credentials, used every way

    @Test
    @Order(1)
    void keysWorkWhileValidAndAreRefusedOnceRevokedOrWrong() throws Exception {
        assertEquals(200, post("/v1/chat/completions", projectA.key(), chat("demo", false)).statusCode());
        assertEquals(200, post("/v1/chat/completions", projectA.key(), chat("demo", true)).statusCode());
        assertEquals(200, tollgate.post("/v1/messages", Map.of("x-api-key", projectA.key()),
                "{\"model\":\"demo\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode());
        assertEquals(200, post("/v1/embeddings", projectB.key(), "{\"model\":\"demo\",\"input\":\"x\"}").statusCode());

        Tenant revoked = tenant("revoked");
        assertEquals(200, post("/v1/chat/completions", revoked.key(), chat("demo", false)).statusCode());
        assertEquals(200, tollgate.delete("/v1/organization/projects/" + revoked.project() + "/api_keys/"
                + revoked.keyId(), ADMIN).statusCode());
        assertError(post("/v1/chat/completions", revoked.key(), chat("demo", false)), 401, "invalid_api_key");

        String wrong = "sk-tg-" + "W".repeat(40);
        String wrongAdmin = "sk-tgadm-" + "Z".repeat(40);
        SECRETS.addAll(List.of(wrong, wrongAdmin));
        assertError(post("/v1/chat/completions", wrong, chat("demo", false)), 401, "invalid_api_key");
        assertError(tollgate.get("/v1/organization/projects", wrongAdmin), 401, "invalid_api_key");

        var created = tollgate.post("/v1/organization/admin_api_keys", ADMIN, "{\"name\":\"second-admin\"}");
        assertEquals(200, created.statusCode(), created.body());
        harvest(created.body());
        JsonObject adminKey = json(created.body());
        String secondAdmin = adminKey.getString("value");
        assertEquals(200, tollgate.get("/v1/organization/projects", secondAdmin).statusCode());
        assertEquals(200, tollgate.delete("/v1/organization/admin_api_keys/" + adminKey.getString("id"), ADMIN)
                .statusCode());
        assertError(tollgate.get("/v1/organization/projects", secondAdmin), 401, "invalid_api_key");
    }

    @Test
    @Order(2)
    void providerCredentialsAreSentUpstreamAndReadableAcrossAKeyRotation() throws Exception {
        String credential = "sk-upstream-credential-" + System.nanoTime();
        SECRETS.add(credential);
        var created = tollgate.post("/v1/organization/backends", ADMIN, """
                {"name":"with-credential","kind":"openai","base_url":"%s","api_key":"%s",
                 "models":[{"model":"credentialed","upstream_model":"upstream-echo"}]}"""
                .formatted(upstream.baseUrl(), credential));
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(created.body().contains(credential));
        String id = json(created.body()).getString("id");
        awaitUpstreamAuthorization("credentialed", "Bearer " + credential);
        assertEquals(credential, CredentialCipher.withKey(CURRENT_ENCRYPTION_KEY).decrypt(storedCredential(id)),
                "sealed under the current key");

        // A credential still sealed under the previous key (as before the rotation) is read too.
        String older = "sk-upstream-sealed-before-rotation-" + System.nanoTime();
        SECRETS.add(older);
        try (Connection c = database.getPostgresDatabase().getConnection();
             PreparedStatement st = c.prepareStatement("update backends set api_key_encrypted = ? where id = ?")) {
            st.setString(1, CredentialCipher.withKey(TestDatabase.ENCRYPTION_KEY).encrypt(older));
            st.setString(2, id);
            assertEquals(1, st.executeUpdate());
        }
        awaitUpstreamAuthorization("credentialed", "Bearer " + older);
    }

    private static void awaitUpstreamAuthorization(String model, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            var answer = post("/v1/chat/completions", projectA.key(), chat(model, false));
            if (answer.statusCode() == 200 && expected.equals(upstream.authorizations.get(
                    upstream.authorizations.size() - 1))) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the upstream never saw the expected credential");
    }

    private static String storedCredential(String backendId) throws Exception {
        try (Connection c = database.getPostgresDatabase().getConnection();
             PreparedStatement st = c.prepareStatement("select api_key_encrypted from backends where id = ?")) {
            st.setString(1, backendId);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    // ---- tenant isolation and the admin API

    @Test
    @Order(3)
    void aTenantKeyGetsNothingFromTheAdminApiAboutAnyProjectItsOwnIncluded() throws Exception {
        String backend = json(tollgate.get("/v1/organization/backends", ADMIN).body()).getJsonArray("data")
                .getJsonObject(0).getString("id");
        String adminKeyId = json(tollgate.get("/v1/organization/admin_api_keys", ADMIN).body()).getJsonArray("data")
                .getJsonObject(0).getString("id");
        int checked = 0;
        for (Tenant target : List.of(projectA, projectB)) {
            String p = "/v1/organization/projects/" + target.project();
            List<String[]> calls = List.of(
                    new String[]{"GET", "/v1/organization/projects"}, new String[]{"POST", "/v1/organization/projects"},
                    new String[]{"GET", p}, new String[]{"POST", p}, new String[]{"POST", p + "/archive"},
                    new String[]{"GET", p + "/service_accounts"}, new String[]{"POST", p + "/service_accounts"},
                    new String[]{"GET", p + "/service_accounts/" + target.keyId()},
                    new String[]{"DELETE", p + "/service_accounts/" + target.keyId()},
                    new String[]{"GET", p + "/api_keys"}, new String[]{"GET", p + "/api_keys/" + target.keyId()},
                    new String[]{"POST", p + "/api_keys/" + target.keyId()},
                    new String[]{"DELETE", p + "/api_keys/" + target.keyId()},
                    new String[]{"GET", p + "/rate_limits"}, new String[]{"POST", p + "/rate_limits/rl-demo"},
                    new String[]{"GET", p + "/spend_limit"}, new String[]{"POST", p + "/spend_limit"},
                    new String[]{"DELETE", p + "/spend_limit"},
                    new String[]{"GET", p + "/settings"}, new String[]{"POST", p + "/settings"},
                    new String[]{"GET", p + "/usage/export?start_date=2020-01-01&end_date=2030-01-01"},
                    new String[]{"GET", "/v1/organization/usage/completions?start_time=0&project_ids="
                            + target.project()},
                    new String[]{"GET", "/v1/organization/usage/embeddings?start_time=0&group_by=project_id"},
                    new String[]{"GET", "/v1/organization/costs?start_time=0&group_by=project_id"},
                    new String[]{"GET", "/v1/organization/audit_logs?project_ids%5B%5D=" + target.project()},
                    new String[]{"GET", "/v1/organization/admin_api_keys"},
                    new String[]{"POST", "/v1/organization/admin_api_keys"},
                    new String[]{"GET", "/v1/organization/admin_api_keys/" + adminKeyId},
                    new String[]{"DELETE", "/v1/organization/admin_api_keys/" + adminKeyId},
                    new String[]{"GET", "/v1/organization/backends"}, new String[]{"POST", "/v1/organization/backends"},
                    new String[]{"GET", "/v1/organization/backends/" + backend},
                    new String[]{"POST", "/v1/organization/backends/" + backend},
                    new String[]{"DELETE", "/v1/organization/backends/" + backend},
                    new String[]{"POST", "/v1/organization/backends/" + backend + "/drain"},
                    new String[]{"POST", "/v1/organization/backends/" + backend + "/resume"},
                    new String[]{"GET", "/v1/organization/model_routes"},
                    new String[]{"GET", "/v1/organization/model_routes/demo"},
                    new String[]{"POST", "/v1/organization/model_routes/demo"},
                    new String[]{"GET", "/v1/organization/gpu_types"},
                    new String[]{"POST", "/v1/organization/gpu_types/A10G"});
            for (String[] call : calls) {
                var answer = send(call[0], call[1], projectA.key(), "{\"name\":\"x\"}");
                assertError(answer, 403, "insufficient_permissions");
                assertFalse(answer.body().contains(target.project()) || answer.body().contains(target.keyId()),
                        call[0] + " " + call[1] + " told something: " + answer.body());
                checked++;
            }
        }
        assertTrue(checked >= 80, "checked " + checked);
        // Nothing changed for all those attempts: B's key still works, A's project is not archived.
        assertEquals(200, post("/v1/chat/completions", projectB.key(), chat("demo", false)).statusCode());
        assertEquals(200, post("/v1/chat/completions", projectA.key(), chat("demo", false)).statusCode());
        // What a tenant key can read at all (models) carries no project's data.
        String models = tollgate.get("/v1/models", projectA.key()).body();
        assertFalse(models.contains(projectB.project()) || models.contains(projectA.project()), models);
    }

    // ---- browser hardening

    @Test
    @Order(4)
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        List<HttpResponse<String>> answers = List.of(tollgate.get("/", null), tollgate.get("/v1/models", projectA.key()),
                post("/v1/chat/completions", projectA.key(), chat("demo", false)),
                post("/v1/chat/completions", projectA.key(), chat("demo", true)),
                post("/v1/chat/completions", "sk-tg-nope", chat("demo", false)),
                tollgate.get("/v1/organization/projects", ADMIN), tollgate.get("/v1/no-such-thing", projectA.key()),
                tollgate.get("/VAADIN/no-such-file.js", null));
        for (HttpResponse<String> answer : answers) {
            var headers = answer.headers();
            String where = answer.request().uri().getPath() + " (" + answer.statusCode() + ")";
            assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null), where);
            assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(null), where);
            assertEquals("no-referrer", headers.firstValue("Referrer-Policy").orElse(null), where);
            String csp = headers.firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'")
                    && csp.contains("object-src 'none'"), where + ": " + csp);
            assertTrue(headers.firstValue("Strict-Transport-Security").isEmpty(), "no HSTS unless TOLLGATE_HSTS");
        }
    }

    // ---- size limits

    @Test
    @Order(5)
    void oversizeHeadersAndBodiesGetA4xxNeverA500() throws Exception {
        for (int size : new int[]{16 * 1024, 64 * 1024, 1024 * 1024}) {
            String status = rawStatusLine("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + projectA.key() + "\r\nX-Padding: " + "a".repeat(size) + "\r\n\r\n");
            assertClientError(status, size + " bytes of one header");
        }
        StringBuilder many = new StringBuilder("GET /v1/models HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 5000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertClientError(rawStatusLine(many.append("\r\n").toString()), "5,000 headers");
        assertClientError(rawStatusLine("GET /v1/models?" + "q=1&".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"),
                "an 80 KB request line");
        try {
            var hugeBearer = tollgate.get("/v1/models", "sk-tg-" + "k".repeat(200_000));
            assertTrue(hugeBearer.statusCode() >= 400 && hugeBearer.statusCode() < 500, "" + hugeBearer.statusCode());
        } catch (IOException closedByTheListener) {
            // refused by closing the connection: no 5xx either
        }

        // A chunked body (no Content-Length to refuse up front) past TOLLGATE_MAX_BODY_BYTES: 413 once it is too big.
        String chunked = rawStatusLine("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + projectA.key() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                9 * 1024 * 1024);
        assertTrue(chunked != null && chunked.contains(" 413 "), "a chunked 9 MiB body: " + chunked);
        assertEquals(200, post("/v1/chat/completions", projectA.key(), chat("demo", false)).statusCode());
    }

    @Test
    @Order(8)
    void stalledUploadsHoldNoWorkerAndEndIn408WhileOthersAreAnsweredAtOnce() throws Exception {
        int stalledCount = 300; // more than Payara's HTTP threads: a blocking read would hold every one of them
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < stalledCount; i++) {
                Socket socket = new Socket(replica.url().getHost(), replica.url().getPort());
                socket.setSoTimeout(15_000);
                socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + projectA.key() + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"model\":").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            long started = System.nanoTime();
            var answer = post("/v1/chat/completions", projectA.key(), chat("demo", false));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("a request beside " + stalledCount + " stalled uploads: " + tookMillis + " ms");
            assertEquals(200, answer.statusCode(), answer.body());
            // Held behind blocked workers it took 25 s beside 250 stalled uploads; alone it takes milliseconds.
            assertTrue(tookMillis < 5_000, "answered in " + tookMillis + " ms");

            int refused = 0;
            String first = null;
            for (Socket socket : stalled) {
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String statusLine = in.readLine();
                if (statusLine != null && statusLine.contains(" 408 ")) {
                    refused++;
                    if (first == null) {
                        first = body(in);
                    }
                }
            }
            assertEquals(stalledCount, refused, "every stalled upload ends in a 408");
            JsonObject error = json(first).getJsonObject("error");
            assertEquals("request_timeout", error.getString("code"), first);
            assertEquals("invalid_request_error", error.getString("type"), first);
            assertTrue(error.getString("message").contains("stopped arriving"), first);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        assertEquals(200, post("/v1/chat/completions", projectA.key(), chat("demo", false)).statusCode());

        // A body that comes after its request has gone async (the first dispatch has returned): relayed as usual.
        try (Socket late = new Socket(replica.url().getHost(), replica.url().getPort())) {
            late.setSoTimeout(15_000);
            byte[] body = chat("demo", false).getBytes(StandardCharsets.UTF_8);
            late.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + "Bearer " + projectA.key() + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            late.getOutputStream().flush();
            Thread.sleep(300);
            late.getOutputStream().write(body);
            late.getOutputStream().flush();
            var in = new BufferedReader(new InputStreamReader(late.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            assertTrue(statusLine.contains(" 200 "), statusLine);
            String answer = body(in);
            assertTrue(json(answer).getJsonArray("choices").size() == 1, answer);
        }
    }

    /** The body after the headers, by its Content-Length or its chunks (the connection may stay open). */
    private static String body(BufferedReader in) throws IOException {
        int length = 0;
        boolean chunked = false;
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            return read(in, length);
        }
        StringBuilder body = new StringBuilder();
        for (int size = Integer.parseInt(in.readLine().strip(), 16); size > 0;
             size = Integer.parseInt(in.readLine().strip(), 16)) {
            body.append(read(in, size));
            in.readLine(); // the CRLF after each chunk
        }
        return body.toString();
    }

    private static String read(BufferedReader in, int chars) throws IOException {
        char[] text = new char[chars];
        int read = 0;
        while (read < chars) {
            int n = in.read(text, read, chars - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(text, 0, read);
    }

    private static void assertClientError(String statusLine, String what) {
        System.out.println("size limit: " + what + " → " + (statusLine == null ? "connection closed" : statusLine));
        // A listener may also just close the connection on garbage; what it must never do is answer 5xx.
        if (statusLine != null) {
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            assertTrue(status >= 400 && status < 500, what + " answered " + statusLine);
        }
    }

    // ---- SSRF: no URL from tenants, only http(s) from admins

    @Test
    @Order(6)
    void onlyAdminsSetUpstreamUrlsAndOnlyHttpOnes() throws Exception {
        for (String url : List.of("file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO", "ftp://example.com/x",
                "jar:http://x/y.jar!/", "dict://127.0.0.1:11211/", "ldap://127.0.0.1/", "http://", "http:///v1",
                "//127.0.0.1/v1", "javascript:alert(1)", "http://[::1", " http://x")) {
            var refused = tollgate.post("/v1/organization/backends", ADMIN, """
                    {"name":"ssrf","kind":"openai","base_url":%s,"models":[{"model":"m"}]}"""
                    .formatted(Json.createValue(url).toString()));
            assertError(refused, 400, null);
            assertEquals("base_url", json(refused.body()).getJsonObject("error").getString("param"), url);
        }
        // A tenant's body may name any URL it likes: it passes through as data, and the request still goes to the
        // admin's backend (the trap below would see any call).
        try (CountingUpstream trap = new CountingUpstream()) {
            int before = upstream.bodies.size();
            for (String field : List.of("base_url", "api_base", "url", "endpoint", "baseURL")) {
                var answer = post("/v1/chat/completions", projectA.key(), """
                        {"model":"credentialed","%s":"%s","messages":[{"role":"user","content":"hi"}]}"""
                        .formatted(field, trap.baseUrl()));
                assertEquals(200, answer.statusCode(), answer.body());
            }
            var viaHeaders = tollgate.post("/v1/chat/completions", Map.of("Authorization", "Bearer " + projectA.key(),
                    "X-Forwarded-Host", "127.0.0.1", "X-Tollgate-Backend", trap.baseUrl(), "Forwarded",
                    "host=" + trap.baseUrl().substring(7)),
                    chat("credentialed", false));
            assertTrue(viaHeaders.statusCode() < 500, viaHeaders.body());
            assertEquals(0, trap.served.get(), "a tenant steered a request to a URL of its choosing");
            assertTrue(upstream.bodies.size() >= before + 5);
        }
    }

    // ---- fuzzing what GatewayIT's body fuzzer does not reach

    @Test
    @Order(7)
    void fuzzedAdminPathsQueriesEncodingsAndContentTypesNeverGetA5xx() throws Exception {
        Tenant fuzz = tenant("fuzz-target");
        String backend = json(tollgate.post("/v1/organization/backends", ADMIN, """
                {"name":"fuzz","kind":"simulator","time_to_first_token_ms":0,"tokens_per_second":100000,
                 "models":[{"model":"fuzz"}]}""").body()).getString("id");
        String p = "/v1/organization/projects/" + fuzz.project();
        List<String[]> seeds = List.of(
                new String[]{p, "{\"name\":\"renamed\"}"},
                new String[]{p + "/service_accounts", "{\"name\":\"bot\"}"},
                new String[]{p + "/settings", "{\"max_requests_per_1_minute\":100000,\"max_tokens_per_1_minute\":10,"
                        + "\"monthly_token_quota\":5,\"max_concurrent_requests\":3,\"on_database_outage\":\"fail_open\","
                        + "\"default_priority\":\"cost\"}"},
                new String[]{p + "/rate_limits/rl-fuzz", "{\"max_requests_per_1_minute\":1000,"
                        + "\"max_tokens_per_1_minute\":5,\"max_requests_per_1_day\":9}"},
                new String[]{p + "/spend_limit", "{\"threshold_amount\":100000,\"currency\":\"USD\",\"interval\":\"month\"}"},
                new String[]{p + "/api_keys/" + fuzz.keyId(), "{\"allowed_models\":[\"fuzz\"],\"expires_at\":4102444800}"},
                new String[]{"/v1/organization/admin_api_keys", "{\"name\":\"k\",\"expires_in_seconds\":60}"},
                new String[]{"/v1/organization/model_routes/fuzz", "{\"strategy\":\"round_robin\"}"},
                new String[]{"/v1/organization/gpu_types/FUZZ-GPU", "{\"memory_gb\":80,\"monthly_usd\":3500}"},
                new String[]{"/v1/organization/backends/" + backend, "{\"models\":[{\"model\":\"fuzz\",\"weight\":2,"
                        + "\"quality\":50}],\"timeouts\":{\"idle_ms\":5000},\"price\":{\"input_usd_per_1m\":1,"
                        + "\"output_usd_per_1m\":2},\"gpu\":{\"type\":\"A10G\",\"count\":1}}"},
                new String[]{"/v1/messages", "{\"model\":\"fuzz\",\"max_tokens\":3,\"stream\":true,\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":"
                        + "\"text\",\"text\":\"x\"}]},{\"role\":\"user\",\"content\":\"again\"}],\"stop_sequences\":[\"z\"]}"});
        Random random = new Random(20261127);
        int sent = 0;
        for (int round = 0; round < 30; round++) {
            for (String[] seed : seeds) {
                String key = seed[0].startsWith("/v1/messages") ? fuzz.key() : ADMIN;
                check("POST", seed[0], key, "application/json",
                        Mutations.mutate(seed[1].getBytes(StandardCharsets.UTF_8), random));
                sent++;
            }
        }
        // Path parameters and query strings: odd ids, traversal, encoded NULs, huge values, wrong types.
        List<String> odd = List.of("proj_missing", "..%2F..%2Fetc%2Fpasswd", "%00", "%ff%fe", "%C0%AF", "a".repeat(5000),
                "%F0%9F%92%A9", "'%20or%201=1--", "%2e%2e", "null", "-1", "%25", "%7B%7D", "%22");
        List<String> templates = List.of("/v1/organization/projects/{}", "/v1/organization/projects/{}/api_keys",
                p + "/api_keys/{}", p + "/service_accounts/{}", "/v1/organization/projects/{}/rate_limits",
                p + "/rate_limits/{}", "/v1/organization/projects/{}/settings", "/v1/organization/backends/{}",
                "/v1/organization/model_routes/{}", "/v1/organization/admin_api_keys/{}", "/v1/models/{}",
                "/v1/organization/projects/{}/usage/export?start_date={}&end_date={}&format={}",
                "/v1/organization/usage/completions?start_time={}&bucket_width={}&group_by={}&limit={}&page={}",
                "/v1/organization/costs?start_time={}&end_time={}&group_by={}&limit={}",
                "/v1/organization/audit_logs?limit={}&after={}&effective_at%5Bgt%5D={}",
                "/v1/organization/projects?limit={}&after={}&include_archived={}");
        for (String template : templates) {
            for (String value : odd) {
                String path = template.replace("{}", value);
                check("GET", path, template.startsWith("/v1/models") ? fuzz.key() : ADMIN, null, null);
                if (!template.contains("?")) {
                    check("POST", path, ADMIN, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                }
                sent++;
            }
        }
        // Encodings and content types on every body-taking endpoint.
        byte[] valid = chat("fuzz", false).getBytes(StandardCharsets.UTF_8);
        List<byte[]> encodings = List.of(
                concat(new byte[]{(byte) 0xFE, (byte) 0xFF}, chat("fuzz", false).getBytes(StandardCharsets.UTF_16BE)),
                concat(new byte[]{(byte) 0xFF, (byte) 0xFE}, chat("fuzz", false).getBytes(StandardCharsets.UTF_16LE)),
                concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, valid),
                chat("fu\u0000zz", false).getBytes(StandardCharsets.UTF_8),
                new String(valid, StandardCharsets.UTF_8).replace("Hello", "Hel\\u0000lo").getBytes(StandardCharsets.UTF_8),
                new String(valid, StandardCharsets.UTF_8).replace("Hello", "\u0000\u0000").getBytes(StandardCharsets.UTF_8),
                concat(valid, new byte[]{0, 0, 0}), new byte[]{0, 0, 0, 0},
                new String(valid, StandardCharsets.UTF_8).replace("Hello", "\uFFFF\uFFFE").getBytes(StandardCharsets.UTF_8),
                replace(valid, "Hello", new byte[]{(byte) 0xC0, (byte) 0xAF}),
                replace(valid, "Hello", new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                replace(valid, "Hello", new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                chat("fuzz", false).getBytes(java.nio.charset.Charset.forName("UTF-32")), chat("fuzz", false).getBytes(StandardCharsets.ISO_8859_1),
                "{\"model\":\"fuzz\",\"messages\":[{\"role\":\"user\",\"content\":\"é\"}]}".getBytes(StandardCharsets.ISO_8859_1),
                new byte[0]);
        List<String> contentTypes = Arrays.asList("application/json", "application/json; charset=utf-16",
                "application/json; charset=nonsense", "text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/xml", "*/*", "@@@", null);
        for (String path : List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/messages",
                "/v1/organization/projects", "/v1/organization/backends", p + "/settings")) {
            String key = path.startsWith("/v1/organization") ? ADMIN : fuzz.key();
            for (byte[] body : encodings) {
                check("POST", path, key, "application/json", body);
                sent++;
            }
            for (String type : contentTypes) {
                check("POST", path, key, type, path.startsWith("/v1/organization/projects/")
                        ? "{\"max_requests_per_1_minute\":5}".getBytes(StandardCharsets.UTF_8) : valid);
                sent++;
            }
            // Truncated on the wire: the announced length never arrives, the client gives up half-way.
            String truncated = rawStatusLine("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + key + "\r\nContent-Type: application/json\r\nContent-Length: " + (valid.length + 50) + "\r\n\r\n"
                    + new String(valid, StandardCharsets.UTF_8), 0);
            assertClientError(truncated, "a truncated body to " + path);
            sent++;
        }
        System.out.printf("security fuzz: %d requests, none answered 5xx or with a stack trace%n", sent);
        assertTrue(sent > 700, "sent " + sent);
        assertEquals(200, tollgate.get("/health/ready", null).statusCode(), "still ready");
        assertEquals(200, post("/v1/chat/completions", projectA.key(), chat("demo", false)).statusCode(),
                "still serving");
        assertEquals(200, tollgate.post("/v1/messages", Map.of("x-api-key", projectA.key()),
                "{\"model\":\"demo\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(), "still serving Anthropic's API");
    }

    private static void check(String method, String path, String key, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(tollgate.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> answer;
        try {
            answer = TollgateClient.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError(method + " " + abbreviate(path) + " did not answer within 30 s", e);
        }
        String shown = body == null ? "" : abbreviate(new String(body, StandardCharsets.UTF_8));
        assertTrue(answer.statusCode() < 500, method + " " + abbreviate(path) + " [" + contentType + "] answered "
                + answer.statusCode() + " to " + shown + ": " + abbreviate(answer.body()));
        assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "),
                "a stack trace leaked for " + abbreviate(path) + ": " + abbreviate(answer.body()));
        harvest(answer.body());
    }

    // ---- where secrets must never be: logs and clear columns

    @Test
    @Order(100)
    void noKeyOrCredentialInAnyLogLineAndOnlyHashesInTheDatabase() throws Exception {
        assertTrue(SECRETS.size() >= 10, "the earlier tests issued and used keys: " + SECRETS.size());
        // Every log Tollgate wrote: the process's whole stdout and stderr, and any log file under its root.
        List<Path> logs = new ArrayList<>(List.of(ReplicaProcess.log("security").toPath()));
        try (Stream<Path> files = Files.walk(replica.root())) {
            files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().contains(".log")).forEach(logs::add);
        }
        long lines = 0;
        List<String> leaks = new ArrayList<>();
        boolean sawAccessLog = false;
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                lines++;
                sawAccessLog |= line.contains(projectA.keyId());
                for (String secret : SECRETS) {
                    if (line.contains(secret)) {
                        leaks.add(log.getFileName() + ": " + abbreviate(line));
                    }
                }
            }
        }
        System.out.printf("no secret in logs: %d secrets looked for in %d lines of %d log files%n", SECRETS.size(),
                lines, logs.size());
        assertTrue(sawAccessLog, "the access log names key ids, so these are the logs the requests went to");
        assertEquals(List.of(), leaks, "secrets in the logs");

        // Every text-like and binary column of every table, scanned for every secret.
        List<String> inClear = new ArrayList<>();
        int columns = 0;
        try (Connection c = database.getPostgresDatabase().getConnection()) {
            List<String[]> all = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select c.table_name, c.column_name, c.data_type from information_schema.columns c
                    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                      and c.data_type in ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'ARRAY')""")) {
                while (rs.next()) {
                    all.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] column : all) {
                columns++;
                String read = "bytea".equals(column[2]) ? "encode(\"" + column[1] + "\", 'escape')"
                        : "\"" + column[1] + "\"::text";
                try (PreparedStatement st = c.prepareStatement("select " + read + " from \"" + column[0] + "\"");
                     ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String value = rs.getString(1);
                        for (String secret : SECRETS) {
                            if (value != null && value.contains(secret)) {
                                inClear.add(column[0] + "." + column[1]);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("keys only as hashes: %d secrets looked for in %d columns%n", SECRETS.size(), columns);
        assertTrue(columns > 20, "scanned " + columns + " columns");
        assertEquals(List.of(), inClear, "secrets stored in clear");
    }

    // ---- helpers

    private static Tenant tenant(String name) throws Exception {
        var project = tollgate.post("/v1/organization/projects", ADMIN, "{\"name\":\"" + name + "\"}");
        assertEquals(200, project.statusCode(), project.body());
        String id = json(project.body()).getString("id");
        var account = tollgate.post("/v1/organization/projects/" + id + "/service_accounts", ADMIN, "{\"name\":\"bot\"}");
        harvest(account.body());
        JsonObject key = json(account.body()).getJsonObject("api_key");
        return new Tenant(id, key.getString("value"), key.getString("id"));
    }

    /** Remembers every key a response hands out, to look for it later where it must not be. */
    private static void harvest(String body) {
        Matcher keys = ISSUED_KEY.matcher(body);
        while (keys.find()) {
            SECRETS.add(keys.group());
        }
    }

    private static HttpResponse<String> post(String path, String key, String body) throws Exception {
        return tollgate.post(path, key, body);
    }

    private static HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        return TollgateClient.HTTP.send(HttpRequest.newBuilder(tollgate.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, "GET".equals(method) || "DELETE".equals(method) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rawStatusLine(String head) throws IOException {
        return rawStatusLine(head, -1);
    }

    /**
     * Writes a request as bytes and returns the status line, or null if the server closed the connection without
     * one. {@code chunkedBytes} > 0 then streams that many bytes of a chunked body; 0 half-closes after the head.
     */
    private static String rawStatusLine(String head, int chunkedBytes) throws IOException {
        try (Socket socket = new Socket(replica.url().getHost(), replica.url().getPort())) {
            socket.setSoTimeout(15_000);
            var out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (chunkedBytes > 0) {
                    byte[] chunk = ("{\"model\":\"demo\",\"x\":\"" + "a".repeat(65_000) + "\",")
                            .getBytes(StandardCharsets.US_ASCII);
                    for (int written = 0; written < chunkedBytes; written += chunk.length) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                if (chunkedBytes == 0) {
                    socket.shutdownOutput();
                }
            } catch (IOException closedWhileWriting) {
                // the server may refuse and close before it has read all: read what it said
            }
            try {
                return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                        .readLine();
            } catch (java.net.SocketException reset) {
                return null;
            }
        }
    }

    private static String chat(String model, boolean stream) {
        return Json.createObjectBuilder().add("model", model).add("stream", stream).add("max_tokens", 8)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "user").add("content", "Hello, gateway!"))).build().toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] replace(byte[] body, String what, byte[] with) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(what);
        return concat(concat(java.util.Arrays.copyOf(body, at), with),
                java.util.Arrays.copyOfRange(body, at + what.length(), body.length));
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
