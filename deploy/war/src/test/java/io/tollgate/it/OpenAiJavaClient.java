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
