package io.tollgate.gateway.platform;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestBodiesTest {

    private static int statusOf(byte[] body, int limit) {
        return assertThrows(ApiException.class,
                () -> RequestBodies.read(new ByteArrayInputStream(body), limit)).error().status();
    }

    @Test
    void readsAJsonObject() throws Exception {
        var body = RequestBodies.read(new ByteArrayInputStream("{\"model\":\"m\",\"x\":\"ü\"}"
                .getBytes(StandardCharsets.UTF_8)), 100);
        assertEquals("ü", body.getString("x"));
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        assertEquals(413, statusOf("{\"model\":\"aaaaaaaaaaaaaaaaaaaa\"}".getBytes(StandardCharsets.UTF_8), 10));
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        var e = assertThrows(ApiException.class, () -> RequestBodies.parse(body));
        assertEquals(400, e.error().status());
        assertEquals("The request body is not valid UTF-8.", e.error().message());
    }

    @Test
    void refusesDeepNestingBeforeParsing() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        var e = assertThrows(ApiException.class, () -> RequestBodies.parse(deep.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, e.error().status());
    }

    @Test
    void countsDepthIgnoringBracketsInStrings() {
        assertEquals(2, RequestBodies.depth("{\"a\":[\"[[[{{{\\\"\"]}"));
        assertEquals(RequestBodies.MAX_DEPTH, RequestBodies.depth("[".repeat(RequestBodies.MAX_DEPTH)));
    }

    @Test
    void refusesEmptyTruncatedAndNonObjectBodies() {
        for (String bad : new String[]{"", "{\"model\":", "[1,2]", "\"text\"", "nul", "{} {}"}) {
            assertEquals(400, statusOf(bad.getBytes(StandardCharsets.UTF_8), 100), bad);
        }
    }
}
