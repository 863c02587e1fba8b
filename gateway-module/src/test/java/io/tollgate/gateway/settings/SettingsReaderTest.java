package io.tollgate.gateway.settings;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsReaderTest {

    private static TollgateSettings read(Map<String, String> values) {
        return SettingsReader.read(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void unsetSettingsTakeTheDocumentedDefaults() {
        TollgateSettings s = read(Map.of());
        assertEquals(8 * 1024 * 1024, s.bodies().maxBytes());
        assertEquals(Duration.ofSeconds(10), s.bodies().idleTimeout());
        assertEquals(Duration.ofSeconds(60), s.bodies().totalTimeout());
        assertEquals(1024, s.admission().defaultMaxTokens());
        assertEquals(0.1, s.admission().outageAllowance());
        assertEquals(90, s.ledger().retentionDays());
        assertEquals(100_000, s.ledger().queueCapacity());
        assertTrue(s.ledger().spillDirectory().endsWith("tollgate-usage-spill"));
        assertEquals(Duration.ofSeconds(5), s.health().checkInterval());
        assertEquals(Duration.ofSeconds(60), s.drain().grace());
        assertEquals("stdout", s.accessLog().target());
        assertFalse(s.seed().demo());
        assertFalse(s.security().hsts());
        assertFalse(s.sso().configured());
        assertEquals("preferred_username", s.sso().usernameClaim());
        assertEquals(null, s.database().url());
    }

    @Test
    void valuesAreTypedAndStrippedAndBlankIsUnset() {
        TollgateSettings s = read(Map.of("TOLLGATE_MAX_BODY_BYTES", " 1024 ", "TOLLGATE_BODY_IDLE_TIMEOUT_MS", "2000",
                "TOLLGATE_SEED_DEMO", "TRUE", "TOLLGATE_HSTS", "on", "TOLLGATE_ADMIN_PASSWORD", "  ",
                "TOLLGATE_OIDC_ISSUER", "https://id.example", "TOLLGATE_OIDC_CLIENT_ID", "tollgate",
                "TOLLGATE_OUTAGE_ALLOWANCE", "0.25", "TOLLGATE_SPILL_DIR", "/var/spill"));
        assertEquals(1024, s.bodies().maxBytes());
        assertEquals(Duration.ofMillis(2000), s.bodies().idleTimeout());
        assertTrue(s.seed().demo());
        assertTrue(s.security().hsts());
        assertTrue(s.seed().adminPassword().isEmpty(), "blank is unset: a password is generated");
        assertTrue(s.sso().configured());
        assertEquals(0.25, s.admission().outageAllowance());
        assertEquals("/var/spill", s.ledger().spillDirectory().toString());
    }

    @Test
    void aBadValueStopsTheStartNamingTheSettingButNotTheValue() {
        var notANumber = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("TOLLGATE_USAGE_QUEUE", "lots")));
        assertTrue(notANumber.getMessage().startsWith("TOLLGATE_USAGE_QUEUE "), notANumber.getMessage());
        assertFalse(notANumber.getMessage().contains("lots"));
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("TOLLGATE_BODY_TIMEOUT_MS", "0")));
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("TOLLGATE_OUTAGE_ALLOWANCE", "1.5")));
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("TOLLGATE_SEED_DEMO", "maybe")));
    }

    @Test
    void secretsNeverAppearInTheSettingsText() {
        TollgateSettings s = read(Map.of("TOLLGATE_DB_PASSWORD", "db-secret", "TOLLGATE_ADMIN_API_KEY", "sk-tgadm-secret",
                "TOLLGATE_ENCRYPTION_KEY", "enc-secret", "TOLLGATE_OIDC_CLIENT_SECRET", "oidc-secret",
                "TOLLGATE_ADMIN_PASSWORD", "pw-secret", "TOLLGATE_DEMO_API_KEY", "sk-tg-secret"));
        String text = s.toString();
        for (String secret : new String[]{"db-secret", "sk-tgadm-secret", "enc-secret", "oidc-secret", "pw-secret",
                "sk-tg-secret"}) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
    }
}
