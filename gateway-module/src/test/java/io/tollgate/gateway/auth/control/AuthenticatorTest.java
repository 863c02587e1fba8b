package io.tollgate.gateway.auth.control;

import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.config.control.GatewaySnapshot;
import io.tollgate.gateway.config.control.GatewaySnapshot.TenantKey;
import io.tollgate.gateway.config.control.Snapshots;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Secrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticatorTest {

    private final String tenantKey = Secrets.newTenantKey();
    private final String expiredKey = Secrets.newTenantKey();
    private final String expiringLaterKey = Secrets.newTenantKey();
    private final String adminKey = Secrets.newAdminKey();

    private GatewayConfig config;
    private Authenticator authenticator;

    @BeforeEach
    void oneProjectWithThreeKeysAndOneAdminKey() {
        Instant now = Instant.now();
        config = Snapshots.configHolding(snapshot(List.of(
                tenant(tenantKey, "key_live", null),
                tenant(expiredKey, "key_expired", now.minus(Duration.ofMinutes(1))),
                tenant(expiringLaterKey, "key_later", now.plus(Duration.ofHours(1))))));
        authenticator = new Authenticator();
        authenticator.config = config;
    }

    @Test
    void knowsTheProjectOfATenantKey() {
        Authenticator.Caller caller = authenticator.tenant("Bearer " + tenantKey);

        assertEquals(new Authenticator.Caller("key_live", "proj_demo", null), caller);
    }

    @Test
    void acceptsTheBearerSchemeInAnyCaseAndSurroundingWhitespace() {
        assertEquals("key_live", authenticator.tenant("bearer " + tenantKey).keyId());
        assertEquals("key_live", authenticator.tenant("  BEARER   " + tenantKey + " \t").keyId());
    }

    @Test
    void asksForAKeyWhenNoneIsPresented() {
        for (String header : new String[]{null, "", "   ", "Bearer", "Bearer ", "Bearer    ",
                "Basic dXNlcjpwYXNz", "Token " + tenantKey, tenantKey}) {
            ApiError error = refused(() -> authenticator.tenant(header));
            assertEquals(ApiError.missingKey(), error, "header " + header);
        }
    }

    @Test
    void refusesAnUnknownKeyShowingItOnlyRedacted() {
        String unknown = Secrets.newTenantKey();

        ApiError error = refused(() -> authenticator.tenant("Bearer " + unknown));

        assertEquals(401, error.status());
        assertEquals("invalid_api_key", error.code());
        assertTrue(error.message().contains(ApiError.redact(unknown)), error.message());
        assertFalse(error.message().contains(unknown.substring(6, unknown.length() - 4)), error.message());
    }

    @Test
    void refusesAKeyThatExpired() {
        ApiError error = refused(() -> authenticator.tenant("Bearer " + expiredKey));

        assertEquals(401, error.status());
        assertEquals("expired_api_key", error.code());
    }

    @Test
    void acceptsAKeyBeforeItExpires() {
        assertEquals("key_later", authenticator.tenant("Bearer " + expiringLaterKey).keyId());
    }

    @Test
    void refusesAKeyRemovedFromTheCurrentSnapshot() {
        authenticator.tenant("Bearer " + tenantKey);

        Snapshots.publish(config, snapshot(List.of()));

        assertEquals("invalid_api_key", refused(() -> authenticator.tenant("Bearer " + tenantKey)).code());
    }

    @Test
    void doesNotLetAnAdminKeyCallTheTenantApi() {
        ApiError error = refused(() -> authenticator.tenant("Bearer " + adminKey));

        assertEquals(401, error.status());
        assertEquals("invalid_api_key", error.code());
    }

    @Test
    void letsAnAdminKeyIntoTheAdminApi() {
        assertDoesNotThrow(() -> authenticator.admin("Bearer " + adminKey));
    }

    @Test
    void forbidsATenantKeyOnTheAdminApi() {
        ApiError error = refused(() -> authenticator.admin("Bearer " + tenantKey));

        assertEquals(403, error.status());
        assertEquals("insufficient_permissions", error.code());
    }

    @Test
    void refusesAnUnknownKeyOnTheAdminApi() {
        String unknown = Secrets.newAdminKey();

        ApiError error = refused(() -> authenticator.admin("Bearer " + unknown));

        assertEquals(401, error.status());
        assertEquals("invalid_api_key", error.code());
        assertFalse(error.message().contains(unknown.substring(9, unknown.length() - 4)), error.message());
    }

    @Test
    void asksForAKeyOnTheAdminApiWhenNoneIsPresented() {
        assertEquals(ApiError.missingKey(), refused(() -> authenticator.admin(null)));
        assertEquals(ApiError.missingKey(), refused(() -> authenticator.admin("Basic YWRtaW46YWRtaW4=")));
    }

    @Test
    void takesTheKeyFromAfterTheScheme() {
        assertEquals("sk-abc", Authenticator.bearer("Bearer sk-abc"));
        assertEquals("sk-abc", Authenticator.bearer("\tBearer   sk-abc  "));
    }

    private static ApiError refused(Executable call) {
        return assertThrows(ApiException.class, call).error();
    }

    private GatewaySnapshot snapshot(List<Map.Entry<String, TenantKey>> tenantKeys) {
        return new GatewaySnapshot(
                tenantKeys.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                Map.of(hex(adminKey), new GatewaySnapshot.AdminKey("key_admin", Secrets.digest(adminKey))),
                Map.of(), Map.of(), Map.of(), Map.of(), Instant.now());
    }

    private static Map.Entry<String, TenantKey> tenant(String key, String keyId, Instant expiresAt) {
        return Map.entry(hex(key), new TenantKey(keyId, "proj_demo", Secrets.digest(key), expiresAt, null));
    }

    private static String hex(String key) {
        return HexFormat.of().formatHex(Secrets.digest(key));
    }

    @Test
    void decidesOnAnAdminKeysWholeDigestToo() {
        byte[] almost = Secrets.digest(adminKey);
        almost[almost.length - 1] ^= 1;
        Snapshots.publish(config, new GatewaySnapshot(Map.of(),
                Map.of(hex(adminKey), new GatewaySnapshot.AdminKey("key_admin", almost)),
                Map.of(), Map.of(), Map.of(), Map.of(), Instant.now()));

        assertEquals("invalid_api_key", refused(() -> authenticator.admin("Bearer " + adminKey)).code());
    }

    @Test
    void decidesOnTheWholeDigestNotOnTheLookupThatFoundIt() {
        // The snapshot is indexed by the digest's hex; the decision is MessageDigest.isEqual on the stored digest
        // (constant time). An entry found under the key's index whose stored digest differs in its last bit is refused.
        byte[] almost = Secrets.digest(tenantKey);
        almost[almost.length - 1] ^= 1;
        Snapshots.publish(config, new GatewaySnapshot(
                Map.of(hex(tenantKey), new TenantKey("key_live", "proj_demo", almost, null, null)),
                Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Instant.now()));

        assertEquals("invalid_api_key", refused(() -> authenticator.tenant("Bearer " + tenantKey)).code());
    }

    @Test
    void keepsAKeyToItsAllowedModels() {
        var limited = new Authenticator.Caller("k", "p", java.util.Set.of("demo"));
        assertTrue(limited.mayUse("demo"));
        var refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () -> limited.requireModel("gpt-4o"));
        assertEquals(403, refused.error().status());
        assertEquals("model_not_allowed", refused.error().code());
        assertTrue(new Authenticator.Caller("k", "p", null).mayUse("anything"), "no list means every model");
    }
}
