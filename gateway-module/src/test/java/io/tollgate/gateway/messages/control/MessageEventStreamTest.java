package io.tollgate.gateway.messages.control;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageEventStreamTest {

    private static final String CHUNK = "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"demo\",\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}],\"usage\":null}\n\n";

    /** Text, then two tool calls, then the finish reason, the usage chunk and [DONE], as an OpenAI stream sends them. */
    private static final String OPENAI_STREAM = String.join("",
            CHUNK.formatted("{\"role\":\"assistant\",\"content\":\"\"}", "null"),
            CHUNK.formatted("{\"content\":\"Hel\"}", "null"),
            CHUNK.formatted("{\"content\":\"lo ✓\"}", "null"),
            ": keep-alive\n\n",
            CHUNK.formatted("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", "null"),
            CHUNK.formatted("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", "null"),
            CHUNK.formatted("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}", "null"),
            CHUNK.formatted("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]}", "null"),
            CHUNK.formatted("{}", "\"tool_calls\""),
            "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"demo\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":9,\"total_tokens\":21}}\n\n",
            "data: [DONE]\n\n");

    private static final String ANTHROPIC_EVENTS = String.join("",
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_chatcmpl-9\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"demo\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":11,\"output_tokens\":0}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"lo ✓\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
                    + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_a\",\"name\":\"get_weather\",\"input\":{}}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
                    + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
                    + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,"
                    + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_b\",\"name\":\"get_time\",\"input\":{}}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,"
                    + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":2}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                    + "\"stop_sequence\":null},\"usage\":{\"input_tokens\":12,\"cache_read_input_tokens\":0,"
                    + "\"output_tokens\":9}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

    @Test
    void turnsAnOpenAiStreamIntoAnthropicsEventSequenceWhereverTheBytesAreSplit() {
        byte[] bytes = OPENAI_STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            assertEquals(ANTHROPIC_EVENTS, translate(List.of(slice(bytes, 0, cut), slice(bytes, cut, bytes.length))),
                    "split at byte " + cut);
        }
        List<ByteBuffer> byteByByte = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            byteByByte.add(slice(bytes, i, i + 1));
        }
        assertEquals(ANTHROPIC_EVENTS, translate(byteByByte));
    }

    @Test
    void endsWithMaxTokensWhenTheAnswerWasCutByLength() {
        String stream = CHUNK.formatted("{\"content\":\"Hi\"}", "null") + CHUNK.formatted("{}", "\"length\"")
                + "data: [DONE]\n\n";
        String events = translate(List.of(ByteBuffer.wrap(stream.getBytes(StandardCharsets.UTF_8))));
        assertEquals(true, events.contains("\"stop_reason\":\"max_tokens\""), events);
        assertEquals(true, events.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), events);
    }

    @Test
    void passesAnUpstreamErrorEventOnAsAnthropicsAndStops() {
        String stream = CHUNK.formatted("{\"content\":\"Hi\"}", "null")
                + "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"
                + CHUNK.formatted("{\"content\":\"ignored\"}", "null");
        String events = translate(List.of(ByteBuffer.wrap(stream.getBytes(StandardCharsets.UTF_8))));
        assertEquals(true, events.endsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                + "\"message\":\"overloaded\"}}\n\n"), events);
        assertEquals(false, events.contains("ignored"), events);
    }

    @Test
    void reportsAStreamCutOffBeforeDoneAsAnError() {
        String stream = CHUNK.formatted("{\"content\":\"Hi\"}", "null");
        String events = translate(List.of(ByteBuffer.wrap(stream.getBytes(StandardCharsets.UTF_8))));
        assertEquals(true, events.endsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                + "\"message\":\"The backend ended the stream before the answer was complete.\"}}\n\n"), events);
    }

    private static String translate(List<ByteBuffer> pieces) {
        var stream = new MessageEventStream("demo", () -> 11);
        var out = new java.io.ByteArrayOutputStream();
        for (ByteBuffer piece : pieces) {
            stream.accept(List.of(piece)).forEach(b -> write(out, b));
        }
        stream.finish().forEach(b -> write(out, b));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void write(java.io.ByteArrayOutputStream out, ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        out.write(bytes, 0, bytes.length);
    }

    private static ByteBuffer slice(byte[] bytes, int from, int to) {
        return ByteBuffer.wrap(java.util.Arrays.copyOfRange(bytes, from, to));
    }
}
