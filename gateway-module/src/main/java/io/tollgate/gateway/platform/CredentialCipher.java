package io.tollgate.gateway.platform;

import io.tollgate.gateway.settings.TollgateSettings;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Encrypts provider credentials at rest with AES-256-GCM under a key from TOLLGATE_ENCRYPTION_KEY (32 bytes, base64).
 * Without that key Tollgate refuses to store a credential rather than keep it in clear. Rotation: set the new key and
 * the old one as TOLLGATE_ENCRYPTION_KEY_PREVIOUS; credentials sealed under either are read (GCM's tag tells which
 * key fits), new ones are sealed under the current key, and start-up re-seals the old ones ({@link #reseal}).
 */
@ApplicationScoped
public class CredentialCipher {

    private static final String VERSION = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final SecretKeySpec previous;

    CredentialCipher() {
        this.key = null;
        this.previous = null;
    }

    @jakarta.inject.Inject
    public CredentialCipher(TollgateSettings settings) {
        this(settings.security().encryptionKey(), settings.security().previousEncryptionKey());
    }

    public CredentialCipher(Optional<String> encoded, Optional<String> encodedPrevious) {
        this.key = encoded.filter(s -> !s.isBlank()).map(s -> decodeKey(s, "TOLLGATE_ENCRYPTION_KEY")).orElse(null);
        this.previous = encodedPrevious.filter(s -> !s.isBlank())
                .map(s -> decodeKey(s, "TOLLGATE_ENCRYPTION_KEY_PREVIOUS")).orElse(null);
    }

    public CredentialCipher(Optional<String> encoded) {
        this(encoded, Optional.empty());
    }

    public static CredentialCipher withKey(String base64Key) {
        return new CredentialCipher(Optional.of(base64Key));
    }

    /** The current key and the one it replaces, as during a rotation. */
    public static CredentialCipher rotating(String base64Key, String previousBase64Key) {
        return new CredentialCipher(Optional.of(base64Key), Optional.of(previousBase64Key));
    }

    private static SecretKeySpec decodeKey(String encoded, String variable) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            // Never quote the value: it is a secret, and this message may reach a log.
            throw new IllegalArgumentException(variable + " must be 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(raw, "AES");
    }

    public boolean isConfigured() {
        return key != null;
    }

    public String encrypt(String plain) {
        if (key == null) {
            throw new ApiException(ApiError.invalidRequest(
                    "Tollgate cannot store a provider credential: TOLLGATE_ENCRYPTION_KEY is not set.", "api_key"));
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    public String decrypt(String stored) {
        if (key == null) {
            throw new IllegalStateException("TOLLGATE_ENCRYPTION_KEY is not set; stored credentials cannot be read");
        }
        if (!stored.startsWith(VERSION)) {
            throw new IllegalStateException("unknown credential format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        return open(all, key).or(() -> previous == null ? Optional.empty() : open(all, previous))
                .orElseThrow(() -> new IllegalStateException("a stored credential could not be decrypted "
                        + "(wrong TOLLGATE_ENCRYPTION_KEY, or the old key missing as TOLLGATE_ENCRYPTION_KEY_PREVIOUS?)"));
    }

    /**
     * The credential sealed anew under the current key if it was sealed under the previous one; empty when it is
     * already under the current key (or cannot be read: left alone, so nothing is destroyed by a wrong setting).
     */
    public Optional<String> reseal(String stored) {
        if (key == null || previous == null || !stored.startsWith(VERSION)) {
            return Optional.empty();
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (open(all, key).isPresent()) {
            return Optional.empty();
        }
        return open(all, previous).map(this::encrypt);
    }

    private static Optional<String> open(byte[] all, SecretKeySpec with) {
        if (all.length < 12 + 16) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(128, all, 0, 12));
            return Optional.of(new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8));
        } catch (javax.crypto.AEADBadTagException wrongKeyOrTampered) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }
}
