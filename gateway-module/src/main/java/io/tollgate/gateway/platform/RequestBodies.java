package io.tollgate.gateway.platform;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads an inference request body: bounded in size, strictly UTF-8, nested no deeper than {@link #MAX_DEPTH} (checked
 * by a cheap scan before any parser builds a tree), and a JSON object. Each failure is an OpenAI-shaped 4xx.
 */
public final class RequestBodies {

    public static final int MAX_DEPTH = 64;

    private RequestBodies() {
    }

    public static JsonObject read(InputStream in, int maxBytes) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return parse(bytes);
    }

    public static ApiException tooLarge(int maxBytes) {
        return Refusal.BODY_TOO_LARGE.exception("The request body is larger than " + maxBytes + " bytes.");
    }

    public static JsonObject parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new ApiException(ApiError.invalidRequest("The request body is empty; send a JSON object.", null));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ApiError.invalidRequest("The request body is not valid UTF-8.", null));
        }
        if (depth(text) > MAX_DEPTH) {
            throw new ApiException(ApiError.invalidRequest("The request body is nested deeper than " + MAX_DEPTH
                    + " levels.", null));
        }
        try (JsonParser parser = Jsonp.PROVIDER.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new ApiException(ApiError.invalidRequest("The request body must be a JSON object.", null));
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new ApiException(ApiError.invalidRequest("The request body has content after its JSON object.",
                        null));
            }
            return object;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new ApiException(ApiError.invalidRequest("We could not parse the JSON body of your request. "
                    + "Send a valid JSON object.", null));
        }
    }

    /** The deepest nesting of arrays and objects, ignoring brackets inside strings. */
    static int depth(String json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                max = Math.max(max, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return max;
    }
}
