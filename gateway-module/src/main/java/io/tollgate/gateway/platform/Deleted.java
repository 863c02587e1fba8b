package io.tollgate.gateway.platform;

/** OpenAI's answer to a DELETE: {@code {"object":"….deleted","id":…,"deleted":true}}. */
public record Deleted(String object, String id, boolean deleted) {

    public static Deleted of(String object, String id) {
        return new Deleted(object, id, true);
    }
}
