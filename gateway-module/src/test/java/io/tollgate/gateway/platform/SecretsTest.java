package io.tollgate.gateway.platform;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {

    private static final Pattern BASE62 = Pattern.compile("[0-9A-Za-z]*");

    @Test
    void makesTenantKeysOfAPrefixAndFortyBase62Characters() {
        String key = Secrets.newTenantKey();

        assertTrue(key.startsWith("sk-tg-"), key);
        String secret = key.substring("sk-tg-".length());
        assertEquals(40, secret.length());
        assertTrue(BASE62.matcher(secret).matches(), key);
    }

    @Test
    void makesAdminKeysThatATenantPrefixCheckDoesNotMistakeForTenantKeys() {
        String key = Secrets.newAdminKey();

        assertTrue(key.startsWith("sk-tgadm-"), key);
        assertFalse(key.startsWith(Secrets.TENANT_KEY_PREFIX), key);
        String secret = key.substring("sk-tgadm-".length());
        assertEquals(40, secret.length());
        assertTrue(BASE62.matcher(secret).matches(), key);
    }

    @Test
    void neverHandsOutTheSameKeyTwice() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(Secrets.newTenantKey());
        }
        assertEquals(1000, keys.size());
    }

    @Test
    void drawsFromAllSixtyTwoCharacters() {
        // Missing any one character in 20,000 fair draws has a probability of about e^-325.
        String drawn = Secrets.random(20_000);

        assertEquals(20_000, drawn.length());
        assertTrue(BASE62.matcher(drawn).matches());
        assertEquals(62, drawn.chars().distinct().count());
    }

    @Test
    void makesIdsThatNameWhatTheyIdentify() {
        String id = Secrets.newId("proj");

        assertTrue(id.startsWith("proj_"), id);
        assertEquals("proj_".length() + 24, id.length());
        assertTrue(BASE62.matcher(id.substring(5)).matches(), id);
    }

    @Test
    void digestsKeysWithSha256() {
        // FIPS 180-2 test vector: stored key hashes must stay comparable across releases.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(Secrets.digest("abc")));
    }

    @Test
    void digestsTheSameKeyTheSameWayEveryTime() {
        String key = Secrets.newTenantKey();

        assertArrayEquals(Secrets.digest(key), Secrets.digest(new String(key.toCharArray())));
        assertNotEquals(HexFormat.of().formatHex(Secrets.digest(key)),
                HexFormat.of().formatHex(Secrets.digest(key + "x")));
    }

    @Test
    void showsOnlyFiveCharactersOfAGeneratedTenantKeysSecret() {
        String key = Secrets.newTenantKey();

        String shown = Secrets.visiblePrefix(key);

        assertEquals(key.substring(0, "sk-tg-".length() + 5) + "…", shown);
        assertFalse(shown.contains(key.substring("sk-tg-".length() + 5)));
    }

    @Test
    void showsOnlyFiveCharactersOfAGeneratedAdminKeysSecret() {
        String key = Secrets.newAdminKey();

        String shown = Secrets.visiblePrefix(key);

        assertEquals(key.substring(0, "sk-tgadm-".length() + 5) + "…", shown);
    }

    @Test
    void neverShowsMostOfTheSecretPartOfAnOperatorChosenKey() {
        for (String key : new String[]{"sk-tgadm-chosen", "sk-tg-demo-key", "changeme", "my-admin-key-2024"}) {
            String shown = Secrets.visiblePrefix(key).replace("…", "");
            String prefix = key.startsWith(Secrets.ADMIN_KEY_PREFIX) ? Secrets.ADMIN_KEY_PREFIX
                    : key.startsWith(Secrets.TENANT_KEY_PREFIX) ? Secrets.TENANT_KEY_PREFIX : "";
            int secretLength = key.length() - prefix.length();
            int secretShown = shown.length() - prefix.length();
            assertTrue(secretShown * 2 < secretLength, key + " is shown as " + shown);
        }
    }
}
