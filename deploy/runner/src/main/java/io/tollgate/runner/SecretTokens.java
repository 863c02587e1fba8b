package io.tollgate.runner;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets in the formats the gateway expects. */
final class SecretTokens {

    /** Base62: safe in URLs, headers, shells and copy-paste, about 5.95 bits per character. */
    static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String ADMIN_API_KEY_PREFIX = "sk-tgadm-";
    static final String API_KEY_PREFIX = "sk-tg-";
    static final int ADMIN_PASSWORD_LENGTH = 20;
    static final int API_KEY_RANDOM_LENGTH = 40;
    static final int ENCRYPTION_KEY_BYTES = 32;

    private final SecureRandom random;

    SecretTokens(SecureRandom random) {
        this.random = random;
    }

    SecretTokens() {
        this(new SecureRandom());
    }

    String adminPassword() {
        return alphanumeric(ADMIN_PASSWORD_LENGTH);
    }

    String adminApiKey() {
        return ADMIN_API_KEY_PREFIX + alphanumeric(API_KEY_RANDOM_LENGTH);
    }

    String demoApiKey() {
        return API_KEY_PREFIX + alphanumeric(API_KEY_RANDOM_LENGTH);
    }

    /** An AES-256 key for provider credentials at rest, as the app reads it from TOLLGATE_ENCRYPTION_KEY. */
    String encryptionKey() {
        byte[] key = new byte[ENCRYPTION_KEY_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    String alphanumeric(int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // nextInt(bound) rejects out-of-range draws, so every character is equally likely (no modulo bias).
            token.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return token.toString();
    }
}
