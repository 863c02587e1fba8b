package io.tollgate.gateway.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * API keys and ids: random base62 strings from a SecureRandom, and the SHA-256 digest under which a key is stored.
 * A key carries ~238 bits of entropy, so a fast digest is enough; a slow password hash would only cost latency.
 */
public final class Secrets {

    public static final String TENANT_KEY_PREFIX = "sk-tg-";
    public static final String ADMIN_KEY_PREFIX = "sk-tgadm-";
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_LENGTH = 40;
    private static final int VISIBLE_PREFIX = 10;

    private Secrets() {
    }

    public static String newTenantKey() {
        return TENANT_KEY_PREFIX + random(KEY_LENGTH);
    }

    public static String newAdminKey() {
        return ADMIN_KEY_PREFIX + random(KEY_LENGTH);
    }

    /** An id such as {@code proj_4fQ…}: the prefix says what it names. */
    public static String newId(String prefix) {
        return prefix + "_" + random(24);
    }

    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(out);
    }

    public static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The part of a key shown in lists so that people can tell keys apart. */
    public static String visiblePrefix(String key) {
        int prefixEnd = key.startsWith(ADMIN_KEY_PREFIX) ? ADMIN_KEY_PREFIX.length()
                : key.startsWith(TENANT_KEY_PREFIX) ? TENANT_KEY_PREFIX.length() : 0;
        // Never more than a quarter of the secret part: operator-chosen keys may be short.
        int shown = Math.min(VISIBLE_PREFIX / 2, (key.length() - prefixEnd) / 4);
        return key.substring(0, prefixEnd + shown) + "…";
    }
}
