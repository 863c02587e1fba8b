package io.tollgate.gateway.platform;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialCipherTest {

    private static final String KEY = base64OfBytes(32, 7);
    private static final String OTHER_KEY = base64OfBytes(32, 8);

    @Test
    void readsBackWhatItEncrypted() {
        CredentialCipher cipher = CredentialCipher.withKey(KEY);
        String credential = "sk-proj-Ab3…ünïcödé";

        assertEquals(credential, cipher.decrypt(cipher.encrypt(credential)));
    }

    @Test
    void readsBackWithAnotherInstanceUnderTheSameKey() {
        String stored = CredentialCipher.withKey(KEY).encrypt("secret");

        assertEquals("secret", CredentialCipher.withKey(KEY).decrypt(stored));
    }

    @Test
    void neverStoresTheCredentialInClear() {
        String stored = CredentialCipher.withKey(KEY).encrypt("sk-upstream-credential");

        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains("sk-upstream-credential"));
        assertFalse(new String(Base64.getDecoder().decode(stored.substring(3))).contains("upstream"));
    }

    @Test
    void encryptsTheSameCredentialDifferentlyEachTime() {
        CredentialCipher cipher = CredentialCipher.withKey(KEY);

        assertNotEquals(cipher.encrypt("same"), cipher.encrypt("same"));
    }

    @Test
    void cannotReadACredentialUnderAnotherKey() {
        String stored = CredentialCipher.withKey(KEY).encrypt("secret");

        assertThrows(IllegalStateException.class, () -> CredentialCipher.withKey(OTHER_KEY).decrypt(stored));
    }

    @Test
    void refusesACredentialThatWasTamperedWith() {
        CredentialCipher cipher = CredentialCipher.withKey(KEY);
        byte[] sealed = Base64.getDecoder().decode(cipher.encrypt("secret").substring(3));
        sealed[sealed.length - 1] ^= 1;

        assertThrows(IllegalStateException.class,
                () -> cipher.decrypt("v1:" + Base64.getEncoder().encodeToString(sealed)));
    }

    @Test
    void refusesAStoredValueOfAnUnknownFormat() {
        assertThrows(IllegalStateException.class, () -> CredentialCipher.withKey(KEY).decrypt("plain-text"));
    }

    @Test
    void refusesToStoreACredentialWithoutAnEncryptionKey() {
        CredentialCipher cipher = new CredentialCipher(Optional.empty());

        assertFalse(cipher.isConfigured());
        ApiError error = assertThrows(ApiException.class, () -> cipher.encrypt("secret")).error();
        assertEquals(400, error.status());
        assertEquals("api_key", error.param());
        assertTrue(error.message().contains("TOLLGATE_ENCRYPTION_KEY"));
    }

    @Test
    void treatsABlankEncryptionKeyAsNone() {
        assertFalse(new CredentialCipher(Optional.of("  ")).isConfigured());
        assertTrue(CredentialCipher.withKey(KEY).isConfigured());
    }

    @Test
    void cannotReadStoredCredentialsWithoutAnEncryptionKey() {
        String stored = CredentialCipher.withKey(KEY).encrypt("secret");

        assertThrows(IllegalStateException.class, () -> new CredentialCipher(Optional.empty()).decrypt(stored));
    }

    @Test
    void refusesAnEncryptionKeyThatIsNotThirtyTwoBytes() {
        for (int length : new int[]{16, 24, 31, 33}) {
            String key = base64OfBytes(length, 1);
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> CredentialCipher.withKey(key), "length " + length);
            assertTrue(failure.getMessage().contains("32 bytes"), failure.getMessage());
        }
    }

    @Test
    void acceptsAnEncryptionKeyWithSurroundingWhitespace() {
        String stored = CredentialCipher.withKey(KEY).encrypt("secret");

        assertEquals("secret", CredentialCipher.withKey(" " + KEY + "\n").decrypt(stored));
    }

    @Test
    void readsCredentialsSealedUnderThePreviousKeyDuringARotation() {
        String old = CredentialCipher.withKey(OTHER_KEY).encrypt("sealed-long-ago");
        String fresh = CredentialCipher.withKey(KEY).encrypt("sealed-today");
        CredentialCipher rotating = CredentialCipher.rotating(KEY, OTHER_KEY);

        assertEquals("sealed-long-ago", rotating.decrypt(old));
        assertEquals("sealed-today", rotating.decrypt(fresh));
        assertEquals("sealed-today", CredentialCipher.withKey(KEY).decrypt(rotating.encrypt("sealed-today")),
                "new credentials are sealed under the current key only");
    }

    @Test
    void resealsUnderTheCurrentKeyOnlyWhatThePreviousKeySealed() {
        CredentialCipher rotating = CredentialCipher.rotating(KEY, OTHER_KEY);
        String old = CredentialCipher.withKey(OTHER_KEY).encrypt("provider-secret");

        String resealed = rotating.reseal(old).orElseThrow();

        assertEquals("provider-secret", CredentialCipher.withKey(KEY).decrypt(resealed), "readable without the old key");
        assertTrue(rotating.reseal(resealed).isEmpty(), "already under the current key");
        assertTrue(rotating.reseal(CredentialCipher.withKey(base64OfBytes(32, 9)).encrypt("x")).isEmpty(),
                "a credential neither key opens is left as it is");
        assertTrue(CredentialCipher.withKey(KEY).reseal(old).isEmpty(), "no previous key, nothing to re-seal");
    }

    @Test
    void cannotReadACredentialOfAKeyThatIsNeitherCurrentNorPrevious() {
        String stored = CredentialCipher.withKey(base64OfBytes(32, 9)).encrypt("secret");

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> CredentialCipher.rotating(KEY, OTHER_KEY).decrypt(stored));
        assertTrue(failure.getMessage().contains("TOLLGATE_ENCRYPTION_KEY_PREVIOUS"), failure.getMessage());
    }

    @Test
    void neverQuotesAMalformedKeyInItsError() {
        String secretLooking = "not-base64-but-a-secret!!";

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> CredentialCipher.rotating(KEY, secretLooking));
        assertTrue(failure.getMessage().contains("TOLLGATE_ENCRYPTION_KEY_PREVIOUS"), failure.getMessage());
        assertFalse(failure.getMessage().contains(secretLooking), failure.getMessage());
    }

    private static String base64OfBytes(int length, int fill) {
        byte[] raw = new byte[length];
        for (int i = 0; i < length; i++) {
            raw[i] = (byte) (fill * 31 + i);
        }
        return Base64.getEncoder().encodeToString(raw);
    }
}
