package io.tollgate.gateway.backends.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedCompletionTest {

    private static final long CREATED = 1_750_000_000L;

    @Test
    void answersTheSameRequestWithTheSameWords() {
        SimulatedCompletion first = SimulatedCompletion.answer(request("llama", "Tell me a joke", ""), CREATED);
        SimulatedCompletion second = SimulatedCompletion.answer(request("llama", "Tell me a joke", ""), CREATED + 60);

        assertFalse(first.text().isBlank());
        assertEquals(first.text(), second.text());
        assertEquals(first.tokens(), second.tokens());
    }

    @Test
    void writesTheSameBodyForTheSameRequestAtTheSameSecond() {
        assertArrayEquals(SimulatedCompletion.answer(request("llama", "Hi", ""), CREATED).body(),
                SimulatedCompletion.answer(request("llama", "Hi", ""), CREATED).body());
    }

    @Test
    void answersDifferentMessagesWithDifferentWords() {
        Set<String> texts = new HashSet<>();
        for (String prompt : List.of("Hello", "What is a tollgate?", "Summarise this text", "2+2=?", "Bonjour")) {
            texts.add(SimulatedCompletion.answer(request("llama", prompt, ""), CREATED).text());
        }

        assertEquals(5, texts.size(), texts.toString());
    }

    @Test
    void answersInTwelveToThirtyOneTokensWhenUnlimited() {
        for (int i = 0; i < 50; i++) {
            SimulatedCompletion answer = SimulatedCompletion.answer(request("llama", "prompt " + i, ""), CREATED);
            assertTrue(answer.completionTokens() >= 12 && answer.completionTokens() <= 31,
                    "tokens: " + answer.completionTokens());
            assertEquals("stop", answer.finishReason());
        }
    }

    @Test
    void stopsAtMaxTokensWithFinishReasonLength() {
        SimulatedCompletion whole = SimulatedCompletion.answer(request("llama", "Hi", ""), CREATED);
        SimulatedCompletion cut = SimulatedCompletion.answer(request("llama", "Hi", ", \"max_tokens\": 3"), CREATED);

        assertEquals(3, cut.completionTokens());
        assertEquals("length", cut.finishReason());
        assertTrue(whole.text().startsWith(cut.text()), cut.text() + " / " + whole.text());
    }

    @Test
    void prefersMaxCompletionTokensOverMaxTokens() {
        SimulatedCompletion cut = SimulatedCompletion.answer(
                request("llama", "Hi", ", \"max_completion_tokens\": 2, \"max_tokens\": 5"), CREATED);

        assertEquals(2, cut.completionTokens());
    }

    @Test
    void stopsNaturallyWhenMaxTokensIsNotReached() {
        SimulatedCompletion whole = SimulatedCompletion.answer(request("llama", "Hi", ""), CREATED);
        int natural = whole.completionTokens();

        SimulatedCompletion exact = SimulatedCompletion.answer(
                request("llama", "Hi", ", \"max_tokens\": " + natural), CREATED);
        SimulatedCompletion roomy = SimulatedCompletion.answer(
                request("llama", "Hi", ", \"max_tokens\": 4096"), CREATED);

        assertEquals("stop", exact.finishReason());
        assertEquals(whole.text(), exact.text());
        assertEquals("stop", roomy.finishReason());
        assertEquals(whole.text(), roomy.text());
        assertEquals("length", SimulatedCompletion.answer(
                request("llama", "Hi", ", \"max_tokens\": " + (natural - 1)), CREATED).finishReason());
    }

    @Test
    void writesAChatCompletionWhoseUsageAddsUp() {
        SimulatedCompletion answer = SimulatedCompletion.answer(request("llama", "Tell me a joke", ""), CREATED);

        JsonObject body = parse(new String(answer.body(), StandardCharsets.UTF_8));

        assertEquals("chat.completion", body.getString("object"));
        assertEquals("llama", body.getString("model"));
        assertEquals(CREATED, body.getJsonNumber("created").longValue());
        assertTrue(body.getString("id").startsWith("chatcmpl-"), body.getString("id"));
        JsonArray choices = body.getJsonArray("choices");
        assertEquals(1, choices.size());
        JsonObject choice = choices.getJsonObject(0);
        assertEquals(0, choice.getInt("index"));
        assertEquals("stop", choice.getString("finish_reason"));
        assertEquals("assistant", choice.getJsonObject("message").getString("role"));
        assertEquals(answer.text(), choice.getJsonObject("message").getString("content"));
        JsonObject usage = body.getJsonObject("usage");
        assertEquals(answer.promptTokens(), usage.getInt("prompt_tokens"));
        assertEquals(answer.tokens().size(), usage.getInt("completion_tokens"));
        assertEquals(usage.getInt("prompt_tokens") + usage.getInt("completion_tokens"), usage.getInt("total_tokens"));
        assertTrue(usage.getInt("prompt_tokens") > 0);
    }

    @Test
    void reportsATruncatedAnswerInTheBody() {
        SimulatedCompletion cut = SimulatedCompletion.answer(request("llama", "Hi", ", \"max_tokens\": 1"), CREATED);

        JsonObject body = parse(new String(cut.body(), StandardCharsets.UTF_8));

        assertEquals("length", body.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
        assertEquals(1, body.getJsonObject("usage").getInt("completion_tokens"));
    }

    @Test
    void streamsServerSentEventsEndingWithDone() {
        List<String> events = events(SimulatedCompletion.answer(request("llama", "Hi", ""), CREATED), false);

        for (String event : events) {
            assertTrue(event.startsWith("data: ") && event.endsWith("\n\n"), event);
        }
        assertEquals("data: [DONE]\n\n", events.get(events.size() - 1));
    }

    @Test
    void opensTheStreamWithTheAssistantRole() {
        JsonObject first = chunks(SimulatedCompletion.answer(request("llama", "Hi", ""), CREATED), false).get(0);

        JsonObject delta = first.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
        assertEquals("assistant", delta.getString("role"));
        assertEquals("", delta.getString("content"));
        assertEquals("chat.completion.chunk", first.getString("object"));
    }

    @Test
    void streamsDeltasThatMakeUpTheWholeText() {
        SimulatedCompletion answer = SimulatedCompletion.answer(request("llama", "Tell me a joke", ""), CREATED);

        StringBuilder text = new StringBuilder();
        for (JsonObject chunk : chunks(answer, false)) {
            JsonObject delta = chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
            text.append(delta.getString("content", ""));
        }

        assertEquals(answer.text(), text.toString());
    }

    @Test
    void finishesTheStreamWithTheFinishReasonInItsLastChunk() {
        SimulatedCompletion cut = SimulatedCompletion.answer(request("llama", "Hi", ", \"max_tokens\": 2"), CREATED);
        List<JsonObject> chunks = chunks(cut, false);

        JsonObject last = chunks.get(chunks.size() - 1).getJsonArray("choices").getJsonObject(0);
        assertEquals("length", last.getString("finish_reason"));
        assertEquals(0, last.getJsonObject("delta").size());
        for (JsonObject chunk : chunks.subList(0, chunks.size() - 1)) {
            assertEquals(JsonValue.NULL, chunk.getJsonArray("choices").getJsonObject(0).get("finish_reason"));
        }
        // role chunk, two tokens, finish chunk
        assertEquals(4, chunks.size());
    }

    @Test
    void sendsNoUsageUnlessAsked() {
        for (JsonObject chunk : chunks(SimulatedCompletion.answer(request("llama", "Hi", ""), CREATED), false)) {
            assertFalse(chunk.containsKey("usage"), chunk.toString());
        }
    }

    @Test
    void sendsUsageInALastChunkWithoutChoicesWhenAsked() {
        SimulatedCompletion answer = SimulatedCompletion.answer(request("llama", "Tell me a joke", ""), CREATED);
        List<JsonObject> chunks = chunks(answer, true);

        JsonObject usageChunk = chunks.get(chunks.size() - 1);
        assertEquals(0, usageChunk.getJsonArray("choices").size());
        JsonObject usage = usageChunk.getJsonObject("usage");
        assertEquals(answer.promptTokens(), usage.getInt("prompt_tokens"));
        assertEquals(answer.completionTokens(), usage.getInt("completion_tokens"));
        assertEquals(answer.promptTokens() + answer.completionTokens(), usage.getInt("total_tokens"));
        for (JsonObject chunk : chunks.subList(0, chunks.size() - 1)) {
            assertTrue(chunk.containsKey("usage"), chunk.toString());
            assertEquals(JsonValue.NULL, chunk.get("usage"), chunk.toString());
        }
        assertEquals(chunks(answer, false).size() + 1, chunks.size());
    }

    @Test
    void givesEveryChunkTheSameIdAndModel() {
        List<JsonObject> chunks = chunks(SimulatedCompletion.answer(request("mistral", "Hi", ""), CREATED), true);

        assertEquals(1, chunks.stream().map(c -> c.getString("id")).distinct().count());
        assertTrue(chunks.stream().allMatch(c -> c.getString("model").equals("mistral")));
    }

    @Test
    void estimatesMorePromptTokensForMoreContent() {
        int shortPrompt = SimulatedCompletion.estimatePromptTokens(messages("Hi"));
        int longPrompt = SimulatedCompletion.estimatePromptTokens(messages("Hi ".repeat(400)));

        assertTrue(shortPrompt > 0);
        assertTrue(longPrompt > shortPrompt + 250, shortPrompt + " vs " + longPrompt);
    }

    @Test
    void countsSomeTokensForEachMessage() {
        int one = SimulatedCompletion.estimatePromptTokens(messages("abcdefgh"));
        int two = SimulatedCompletion.estimatePromptTokens(messages("abcd", "efgh"));

        assertTrue(two > one, one + " vs " + two);
    }

    @Test
    void estimatesNoPromptTokensWithoutMessages() {
        assertEquals(0, SimulatedCompletion.estimatePromptTokens(JsonValue.EMPTY_JSON_ARRAY));
        assertEquals(0, SimulatedCompletion.estimatePromptTokens(Json.createValue(42)));
    }

    @Test
    void countsATextPromptAsAboutFourCharactersAToken() {
        assertEquals(3, SimulatedCompletion.estimatePromptTokens(Json.createValue("twelve chars")));
        assertEquals(3, SimulatedCompletion.estimatePromptTokens(Json.createArrayBuilder().add("twelve chars").build())
                - 3, "a prompt array counts its strings (plus framing per entry)");
    }

    @Test
    void answersATextCompletionInTheLegacyShape() {
        var request = parse("{\"model\":\"m\",\"prompt\":\"Once upon a time\",\"max_tokens\":5}");
        var completion = SimulatedCompletion.answerText(request, 1L);
        var body = parse(new String(completion.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("text_completion", body.getString("object"));
        assertEquals(completion.text(), body.getJsonArray("choices").getJsonObject(0).getString("text"));
        assertEquals("length", body.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
        StringBuilder streamed = new StringBuilder();
        for (byte[] event : completion.events(false)) {
            String data = new String(event, java.nio.charset.StandardCharsets.UTF_8).substring(6).strip();
            if (!data.equals("[DONE]")) {
                streamed.append(parse(data).getJsonArray("choices").getJsonObject(0).getString("text"));
            }
        }
        assertEquals(completion.text(), streamed.toString());
    }

    static JsonObject request(String model, String userMessage, String moreFields) {
        return parse("{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": "
                + Json.createValue(userMessage) + "}]" + moreFields + "}");
    }

    private static JsonArray messages(String... contents) {
        var array = Json.createArrayBuilder();
        for (String content : contents) {
            array.add(Json.createObjectBuilder().add("role", "user").add("content", content));
        }
        return array.build();
    }

    private static List<String> events(SimulatedCompletion answer, boolean includeUsage) {
        return answer.events(includeUsage).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /** The JSON payloads of the stream, without the closing [DONE]. */
    private static List<JsonObject> chunks(SimulatedCompletion answer, boolean includeUsage) {
        List<String> events = events(answer, includeUsage);
        return events.subList(0, events.size() - 1).stream()
                .map(e -> parse(e.substring("data: ".length()).strip())).toList();
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
