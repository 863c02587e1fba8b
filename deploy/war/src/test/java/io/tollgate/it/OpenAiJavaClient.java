package io.tollgate.it;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives Tollgate with the official {@code com.openai:openai-java} SDK, as a Java application would. */
final class OpenAiJavaClient {

    private OpenAiJavaClient() {
    }

    /** Tool calls through Tollgate, whole and streamed, as the SDK parses them. */
    static void callsTools(String baseUrl, String key, String model) {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).maxRetries(0).build();
        try {
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(model)
                    .addUserMessage("Weather in Paris?")
                    .addTool(com.openai.models.chat.completions.ChatCompletionFunctionTool.builder()
                            .function(com.openai.models.FunctionDefinition.builder().name("get_weather")
                                    .parameters(com.openai.models.FunctionParameters.builder()
                                            .putAdditionalProperty("type", com.openai.core.JsonValue.from("object"))
                                            .build())
                                    .build())
                            .build())
                    .build();
            var call = client.chat().completions().create(params).choices().get(0).message().toolCalls().orElseThrow()
                    .get(0).asFunction();
            assertEquals("get_weather", call.function().name());
            assertEquals("{\"city\":\"Paris\"}", call.function().arguments());

            StringBuilder arguments = new StringBuilder();
            List<String> names = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunk -> chunk.choices().forEach(c -> {
                    c.delta().toolCalls().ifPresent(calls -> calls.forEach(t -> t.function().ifPresent(f -> {
                        f.name().ifPresent(names::add);
                        f.arguments().ifPresent(arguments::append);
                    })));
                    c.finishReason().ifPresent(r -> reasons.add(r.toString()));
                }));
            }
            assertEquals(List.of("get_weather"), names);
            assertEquals("{\"city\":\"Paris\"}", arguments.toString());
            assertEquals(List.of("tool_calls"), reasons);
        } finally {
            client.close();
        }
    }

    static void exercise(String baseUrl, String key, String model) {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).maxRetries(0).build();
        try {
            List<String> ids = new ArrayList<>();
            client.models().list().autoPager().forEach(m -> ids.add(m.id()));
            assertTrue(ids.contains(model), "models: " + ids);
            Model one = client.models().retrieve(model);
            assertEquals(model, one.id());

            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(model)
                    .addUserMessage("Say something about gateways.").build();
            ChatCompletion completion = client.chat().completions().create(params);
            String text = completion.choices().get(0).message().content().orElseThrow();
            assertFalse(text.isBlank());
            long total = completion.usage().orElseThrow().totalTokens();
            assertTrue(total > 0);

            StringBuilder streamed = new StringBuilder();
            long[] usage = {-1};
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    params.toBuilder().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                            .build())) {
                stream.stream().forEach(chunk -> {
                    chunk.choices().forEach(c -> c.delta().content().ifPresent(streamed::append));
                    chunk.usage().ifPresent(u -> usage[0] = u.totalTokens());
                });
            }
            assertEquals(text, streamed.toString(), "stream and non-stream carry the same deterministic text");
            assertEquals(total, usage[0], "the usage chunk agrees with the non-streamed usage");

            Completion legacy = client.completions().create(CompletionCreateParams.builder().model(model)
                    .prompt("Once upon a time").maxTokens(8).build());
            assertFalse(legacy.choices().get(0).text().isBlank());

            CreateEmbeddingResponse embedding = client.embeddings().create(EmbeddingCreateParams.builder().model(model)
                    .input("hello").dimensions(16).build());
            assertEquals(16, embedding.data().get(0).embedding().size());

            assertThrows(NotFoundException.class, () -> client.chat().completions().create(
                    params.toBuilder().model("no-such-model").build()));
            assertThrows(BadRequestException.class, () -> client.chat().completions().create(
                    params.toBuilder().n(0).build()));
        } finally {
            client.close();
        }
        OpenAIClient stranger = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-tg-not-a-key").maxRetries(0).build();
        try {
            assertThrows(UnauthorizedException.class, () -> stranger.models().list());
        } finally {
            stranger.close();
        }
    }
}
