package io.tollgate.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect provider for the tests, speaking the wire format of OpenID Connect Core 1.0 and Discovery 1.0:
 * the discovery document, an authorization endpoint that approves whoever the test chose ({@link #approveAs}) and
 * redirects back with a code, a token endpoint that checks the client's secret and the code's redirect URI and returns
 * an RS256-signed ID token (signed with the JDK's own crypto), the JWKS with the public key, and a userinfo endpoint.
 */
final class TestOidcProvider implements AutoCloseable {

    static final String CLIENT_ID = "tollgate-portal";
    static final String CLIENT_SECRET = "test-client-secret-0123456789";
    private static final String KEY_ID = "test-key-1";

    /** The person the provider signs in: its subject, username claim and e-mail address (verified or not). */
    record Person(String subject, String username, String email, boolean emailVerified) {
    }

    private record Grant(Person person, String clientId, String redirectUri, String nonce) {
    }

    private final HttpServer server;
    private final String issuer;
    private final KeyPair keys;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Person> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger authorizations = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger discoveries = new AtomicInteger();
    private volatile Person approved;

    private TestOidcProvider(int port) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        issuer = "http://localhost:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
        server.createContext("/userinfo", this::userinfo);
        server.start();
    }

    static TestOidcProvider start(int port) throws IOException, GeneralSecurityException {
        return new TestOidcProvider(port);
    }

    String issuer() {
        return issuer;
    }

    /** Who the authorization endpoint signs in from now on, without asking. */
    void approveAs(Person person) {
        approved = person;
    }

    /** How many authorization requests browsers made: each one is a round trip to the provider. */
    int authorizations() {
        return authorizations.get();
    }

    /** How many codes were redeemed successfully at the token endpoint. */
    int tokensIssued() {
        return tokenRequests.get();
    }

    /** How many times the discovery document was read. */
    int discoveries() {
        return discoveries.get();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        discoveries.incrementAndGet();
        sendJson(exchange, 200, Json.createObjectBuilder()
                .add("issuer", issuer)
                .add("authorization_endpoint", issuer + "/authorize")
                .add("token_endpoint", issuer + "/token")
                .add("jwks_uri", issuer + "/jwks")
                .add("userinfo_endpoint", issuer + "/userinfo")
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("subject_types_supported", Json.createArrayBuilder().add("public"))
                .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add("RS256"))
                .add("scopes_supported", Json.createArrayBuilder().add("openid").add("email").add("profile"))
                .add("token_endpoint_auth_methods_supported",
                        Json.createArrayBuilder().add("client_secret_basic").add("client_secret_post"))
                .add("claims_supported", Json.createArrayBuilder().add("sub").add("preferred_username")
                        .add("email").add("email_verified"))
                .build());
    }

    /** Approves at once and redirects back with a code, as a provider does for a user already signed in there. */
    private void authorize(HttpExchange exchange) throws IOException {
        authorizations.incrementAndGet();
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String redirectUri = query.get("redirect_uri");
        Person person = approved;
        if (!"code".equals(query.get("response_type")) || !CLIENT_ID.equals(query.get("client_id"))
                || redirectUri == null || person == null
                || !Arrays.asList(query.getOrDefault("scope", "").split(" ")).contains("openid")) {
            sendJson(exchange, 400, Json.createObjectBuilder().add("error", "invalid_request").build());
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(person, query.get("client_id"), redirectUri, query.get("nonce")));
        String back = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + encode(code)
                + (query.containsKey("state") ? "&state=" + encode(query.get("state")) : "");
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] client = clientCredentials(exchange, body);
        if (!CLIENT_ID.equals(client[0]) || !CLIENT_SECRET.equals(client[1])) {
            sendJson(exchange, 401, Json.createObjectBuilder().add("error", "invalid_client").build());
            return;
        }
        Grant grant = codes.remove(Objects.requireNonNullElse(body.get("code"), ""));
        if (!"authorization_code".equals(body.get("grant_type")) || grant == null
                || !grant.redirectUri().equals(body.get("redirect_uri")) || !grant.clientId().equals(client[0])) {
            sendJson(exchange, 400, Json.createObjectBuilder().add("error", "invalid_grant").build());
            return;
        }
        String accessToken = UUID.randomUUID().toString();
        accessTokens.put(accessToken, grant.person());
        tokenRequests.incrementAndGet();
        sendJson(exchange, 200, Json.createObjectBuilder()
                .add("access_token", accessToken)
                .add("token_type", "Bearer")
                .add("expires_in", 300)
                .add("id_token", idToken(grant))
                .build());
    }

    private void jwks(HttpExchange exchange) throws IOException {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        sendJson(exchange, 200, Json.createObjectBuilder().add("keys", Json.createArrayBuilder().add(
                Json.createObjectBuilder().add("kty", "RSA").add("use", "sig").add("alg", "RS256").add("kid", KEY_ID)
                        .add("n", base64Url(unsigned(key.getModulus())))
                        .add("e", base64Url(unsigned(key.getPublicExponent()))))).build());
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        String authorization = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), "");
        Person person = authorization.startsWith("Bearer ") ? accessTokens.get(authorization.substring(7)) : null;
        if (person == null) {
            sendJson(exchange, 401, Json.createObjectBuilder().add("error", "invalid_token").build());
            return;
        }
        sendJson(exchange, 200, personClaims(person).build());
    }

    private String idToken(Grant grant) {
        Instant now = Instant.now();
        JsonObjectBuilder claims = personClaims(grant.person())
                .add("iss", issuer)
                .add("aud", grant.clientId())
                .add("iat", now.getEpochSecond())
                .add("exp", now.plusSeconds(300).getEpochSecond());
        if (grant.nonce() != null) {
            claims.add("nonce", grant.nonce());
        }
        String header = Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").add("kid", KEY_ID).build()
                .toString();
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.build().toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObjectBuilder personClaims(Person person) {
        JsonObjectBuilder claims = Json.createObjectBuilder().add("sub", person.subject());
        if (person.username() != null) {
            claims.add("preferred_username", person.username());
        }
        if (person.email() != null) {
            claims.add("email", person.email()).add("email_verified", person.emailVerified());
        }
        return claims;
    }

    /** client_secret_basic (the Authorization header) or client_secret_post (the form's fields). */
    private static String[] clientCredentials(HttpExchange exchange, Map<String, String> body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return new String[]{decode(pair.substring(0, colon)), decode(pair.substring(colon + 1))};
        }
        return new String[]{body.get("client_id"), body.get("client_secret")};
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            }
        }
        return fields;
    }

    private static void sendJson(HttpExchange exchange, int status, JsonObject json) throws IOException {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    URI uri(String path) {
        return URI.create(issuer + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
