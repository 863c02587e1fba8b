package io.tollgate.gateway.backends.control.anthropic;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream written by hand after Anthropic's streaming reference (text, then a tool call, with a ping between), fed
 * to the translation cut at every possible place, and checked against the exact OpenAI events it must become.
 */
class AnthropicStreamTranslationTest {

    private static final long CREATED = 1_750_000_000L;

    static final String ANTHROPIC_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":2}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Okay, let me check"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" the weather — ☀️?"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\":"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \\"Paris\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    private static final String HEAD = "data: {\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1750000000,\"model\":\"claude-sonnet-4-5\",";

    static final List<String> OPENAI_EVENTS = List.of(
            chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
            chunk("{\"content\":\"Okay, let me check\"}", null),
            chunk("{\"content\":\" the weather — ☀️?\"}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"location\\\":\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\" \\\"Paris\\\"}\"}}]}", null),
            chunk("{}", "tool_calls"),
            HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":572,\"completion_tokens\":89,\"total_tokens\":661,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":100}}}\n\n",
            "data: [DONE]\n\n");

    private static String chunk(String delta, String finishReason) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}],\"usage\":null}\n\n";
    }

    @Test
    void translatesARecordedStreamIntoTheExactOpenAiChunks() {
        assertEquals(OPENAI_EVENTS, translate(ANTHROPIC_STREAM, true, bytes(ANTHROPIC_STREAM).length));
    }

    @Test
    void givesTheSameChunksHoweverTheNetworkCutsTheStream() {
        byte[] all = bytes(ANTHROPIC_STREAM);
        for (int cut = 0; cut <= all.length; cut++) {
            assertEquals(OPENAI_EVENTS, translate(List.of(Arrays.copyOfRange(all, 0, cut),
                    Arrays.copyOfRange(all, cut, all.length)), true), "cut at byte " + cut);
        }
        for (int size = 1; size <= 16; size++) {
            assertEquals(OPENAI_EVENTS, translate(ANTHROPIC_STREAM, true, size), "pieces of " + size + " bytes");
        }
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            List<byte[]> pieces = new ArrayList<>();
            for (int at = 0; at < all.length; ) {
                int end = Math.min(all.length, at + 1 + random.nextInt(80));
                pieces.add(Arrays.copyOfRange(all, at, end));
                at = end;
            }
            assertEquals(OPENAI_EVENTS, translate(pieces, true), "random run " + run);
        }
    }

    @Test
    void readsCarriageReturnLineEndingsToo() {
        String crlf = ANTHROPIC_STREAM.replace("\n", "\r\n");

        assertEquals(OPENAI_EVENTS, translate(crlf, true, 7));
    }

    @Test
    void leavesUsageOutForAClientThatDidNotAskForIt() {
        List<String> events = translate(ANTHROPIC_STREAM, false, 64);

        assertEquals(OPENAI_EVENTS.size() - 1, events.size());
        assertEquals(OPENAI_EVENTS.get(1).replace(",\"usage\":null", ""), events.get(1));
        events.forEach(e -> assertFalse(e.contains("usage"), e));
        assertEquals("data: [DONE]\n\n", events.get(events.size() - 1));
    }

    @Test
    void passesAnErrorEventOnInOpenAisShapeAndEndsThere() {
        String stream = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_9","type":"message","role":"assistant","content":[],"model":"claude-haiku-4-5","usage":{"input_tokens":5,"output_tokens":1}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}

                """;

        List<String> events = translate(stream, true, 10);

        assertEquals(3, events.size(), events.toString());
        assertEquals("data: {\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\",\"param\":null,"
                + "\"code\":null}}\n\n", events.get(2));
    }

    @Test
    void endsAStreamCutOffBeforeMessageStopWithAnErrorEventInsteadOfDone() {
        String cutOff = ANTHROPIC_STREAM.substring(0, ANTHROPIC_STREAM.indexOf("event: content_block_stop"));

        List<String> events = translate(cutOff, true, 100);

        assertEquals(OPENAI_EVENTS.subList(0, 3), events.subList(0, 3));
        assertEquals("data: {\"error\":{\"message\":\"The backend ended the stream before the answer was complete.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":\"upstream_error\"}}\n\n", events.get(3));
        assertEquals(4, events.size());
    }

    @Test
    void finishesAnEventLeftWithoutItsBlankLine() {
        String unterminated = ANTHROPIC_STREAM.strip();

        assertEquals(OPENAI_EVENTS, translate(unterminated, true, 33));
    }

    @Test
    void numbersParallelToolCallsInTheOrderTheyStart() {
        String stream = """
                data: {"type":"message_start","message":{"id":"msg_p","model":"claude","usage":{"input_tokens":1,"output_tokens":1}}}

                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_a","name":"f","input":{}}}

                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{}"}}

                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_b","name":"g","input":{}}}

                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"x\\":1}"}}

                """;

        List<String> events = translate(stream, false, 1000);

        // role; a starts; a's input; b starts; b's input; and, as the stream was cut off, an error
        assertEquals(6, events.size(), events.toString());
        assertTrue(events.get(3).contains("\"index\":1,\"id\":\"toolu_b\""), events.get(3));
        assertTrue(events.get(4).contains("\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"x\\\":1}\"}}]"),
                events.get(4));
    }

    private static List<String> translate(String stream, boolean includeUsage, int pieceSize) {
        byte[] all = bytes(stream);
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at < all.length; at += pieceSize) {
            pieces.add(Arrays.copyOfRange(all, at, Math.min(all.length, at + pieceSize)));
        }
        return translate(pieces, includeUsage);
    }

    private static List<String> translate(List<byte[]> pieces, boolean includeUsage) {
        AnthropicStreamTranslation translation = new AnthropicStreamTranslation("claude", includeUsage, CREATED);
        List<ByteBuffer> out = new ArrayList<>();
        for (byte[] piece : pieces) {
            out.addAll(translation.accept(ByteBuffer.wrap(piece)));
        }
        out.addAll(translation.finish());
        return out.stream().map(b -> StandardCharsets.UTF_8.decode(b).toString()).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
