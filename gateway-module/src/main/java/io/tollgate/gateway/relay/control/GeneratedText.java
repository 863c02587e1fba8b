package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.tokens.TokenCounter;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * What an upstream generated, kept in case Tollgate must count it (an upstream that reports no usage, a client that
 * hangs up): the text exactly up to {@link TokenCounter#EXACT_CHARS}, beyond that only its length.
 */
final class GeneratedText {

    private final StringBuilder exact = new StringBuilder();
    private long beyond;

    /** Content, tool-call names and arguments, and completion text of a parsed chunk or body. */
    void add(JsonObject json) {
        if (!(json.get("choices") instanceof JsonArray choices)) {
            return;
        }
        for (JsonValue c : choices) {
            if (!(c instanceof JsonObject choice)) {
                continue;
            }
            for (String holder : new String[]{"delta", "message"}) {
                if (choice.get(holder) instanceof JsonObject part) {
                    add(part.get("content"));
                    add(part.get("refusal"));
                    if (part.get("tool_calls") instanceof JsonArray calls) {
                        for (JsonValue call : calls) {
                            if (call instanceof JsonObject o && o.get("function") instanceof JsonObject f) {
                                add(f.get("name"));
                                add(f.get("arguments"));
                            }
                        }
                    }
                }
            }
            add(choice.get("text"));
        }
    }

    /** Adds every {@code "content":"…"} value of a chunk to the generated text; false if one is malformed. */
    boolean addContent(String data) {
        String key = "\"content\":\"";
        StringBuilder text = new StringBuilder();
        for (int at = data.indexOf(key); at >= 0; at = data.indexOf(key, at)) {
            int i = at + key.length();
            while (true) {
                if (i >= data.length()) {
                    return false;
                }
                char c = data.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                if (i >= data.length()) {
                    return false;
                }
                char e = data.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> text.append(e);
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'u' -> {
                        if (i + 4 > data.length()) {
                            return false;
                        }
                        try {
                            text.append((char) Integer.parseInt(data.substring(i, i + 4), 16));
                        } catch (NumberFormatException bad) {
                            return false;
                        }
                        i += 4;
                    }
                    default -> {
                        return false;
                    }
                }
            }
            at = i;
        }
        add(text.toString());
        return true;
    }


    private void add(JsonValue v) {
        if (v instanceof JsonString s) {
            add(s.getString());
        }
    }

    private void add(String text) {
        int room = Math.max(0, Math.min(text.length(), TokenCounter.EXACT_CHARS - exact.length()));
        if (room > 0 && room < text.length() && Character.isHighSurrogate(text.charAt(room - 1))) {
            room--;
        }
        exact.append(text, 0, room);
        beyond += text.length() - room;
    }

    /** Whether anything was generated yet: text, a refusal, a tool call. */
    boolean any() {
        return beyond > 0 || !exact.isEmpty();
    }

    /** The tokens generated, by the given model's tokenizer. */
    int tokens(String model) {
        return TokenCounter.count(model, exact, beyond);
    }
}
