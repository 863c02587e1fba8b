package io.tollgate.gateway.platform;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
 * Without that key Tollgate refuses to store a credential rather than keep it in clear.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final String VERSION = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    CredentialCipher() {
        this.key = null;
    }

    @jakarta.inject.Inject
    public CredentialCipher(@ConfigProperty(name = "TOLLGATE_ENCRYPTION_KEY") Optional<String> encoded) {
        this.key = encoded.filter(s -> !s.isBlank()).map(CredentialCipher::decodeKey).orElse(null);
    }

    public static CredentialCipher withKey(String base64Key) {
        return new CredentialCipher(Optional.of(base64Key));
    }

    private static SecretKeySpec decodeKey(String encoded) {
        byte[] raw = Base64.getDecoder().decode(encoded.trim());
        if (raw.length != 32) {
            throw new IllegalArgumentException("TOLLGATE_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
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
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored credential could not be decrypted (wrong TOLLGATE_ENCRYPTION_KEY?)", e);
        }
    }
}
