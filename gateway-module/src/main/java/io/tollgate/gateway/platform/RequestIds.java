package io.tollgate.gateway.platform;

/**
 * The id a response carries in {@code x-request-id}: the client's own when it sent a sensible one (so its logs and
 * ours line up), else a fresh one.
 */
public final class RequestIds {

    public static final String HEADER = "x-request-id";
    private static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    public static String from(String clientValue) {
        if (clientValue != null && !clientValue.isEmpty() && clientValue.length() <= MAX_LENGTH && printable(clientValue)) {
            return clientValue;
        }
        // Not a secret, so not from the SecureRandom: 24 draws from its lock on every request showed in JFR.
        char[] id = new char[28];
        "req_".getChars(0, 4, id, 0);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 4; i < id.length; i++) {
            id[i] = BASE62.charAt(random.nextInt(BASE62.length()));
        }
        return new String(id);
    }

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
