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
        return "req_" + Secrets.random(24);
    }

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
