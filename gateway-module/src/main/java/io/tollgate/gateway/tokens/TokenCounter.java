package io.tollgate.gateway.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Locale;

/**
 * Counts tokens when an upstream reports no usage. OpenAI-family models (gpt-*, o1/o3/o4, text-embedding-*) get
 * their real BPE (o200k_base or cl100k_base); other families get cl100k_base as the documented estimate — open
 * models' tokenizers differ, typically by well under 20% on English text. Either way the count is marked estimated.
 * <p>
 * BPE costs up to ~0.4 µs a character, so a text is counted exactly only up to {@link #EXACT_CHARS} (per request or
 * per answer, in pieces of at most {@link #PIECE_CHARS}) and the rest is extrapolated at the tokens-per-character
 * ratio of the part counted: a client or an upstream sending megabytes must not cost seconds of CPU on a shared
 * thread.
 */
public final class TokenCounter {

    /** OpenAI's chat framing: tokens per message and for priming the reply. */
    static final int TOKENS_PER_MESSAGE = 3;
    static final int REPLY_PRIMING = 3;

    /** About 16k tokens of English: nearly every answer, and the start of long prompts, is counted exactly. */
    public static final int EXACT_CHARS = 64 * 1024;
    static final int PIECE_CHARS = 4096;
    /** The ratio assumed when nothing could be counted exactly (OpenAI's rule of thumb). */
    private static final double CHARS_PER_TOKEN = 4.0;

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private TokenCounter() {
    }

    static Encoding encodingFor(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        boolean o200k = m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5") || m.startsWith("o1")
                || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("chatgpt-4o");
        return REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
    }

    public static int count(String model, String text) {
        Tally tally = new Tally(encodingFor(model));
        tally.add(text);
        return tally.tokens();
    }

    /** Tokens of a text of which only {@code exactPart} was kept, followed by {@code moreChars} characters more. */
    public static int count(String model, CharSequence exactPart, long moreChars) {
        Tally tally = new Tally(encodingFor(model));
        tally.add(exactPart.toString());
        tally.extrapolate(moreChars);
        return tally.tokens();
    }

    /** Prompt tokens of a chat request (messages), a completion (prompt) or an embedding (input). */
    public static int promptTokens(String model, JsonObject request) {
        Tally tally = new Tally(encodingFor(model));
        if (request.get("messages") instanceof JsonArray messages) {
            tally.addTokens(REPLY_PRIMING);
            for (JsonValue m : messages) {
                tally.addTokens(TOKENS_PER_MESSAGE);
                if (m instanceof JsonObject message) {
                    addText(tally, message.get("content"));
                    addText(tally, message.get("name"));
                    if (message.get("tool_calls") instanceof JsonArray calls) {
                        tally.add(calls.toString());
                    }
                }
            }
            return tally.tokens();
        }
        addText(tally, request.containsKey("prompt") ? request.get("prompt") : request.get("input"));
        return tally.tokens();
    }

    private static void addText(Tally tally, JsonValue value) {
        if (value instanceof JsonString s) {
            tally.add(s.getString());
        } else if (value instanceof JsonArray parts) {
            for (JsonValue part : parts) {
                if (part instanceof JsonObject o && o.get("text") instanceof JsonString text) {
                    tally.add(text.getString());
                } else if (part instanceof jakarta.json.JsonNumber) {
                    tally.addTokens(1); // a token id
                } else {
                    addText(tally, part);
                }
            }
        }
    }

    /** Exact counts within a budget of {@link #EXACT_CHARS}, then extrapolation at the ratio counted so far. */
    private static final class Tally {
        private final Encoding encoding;
        private long exactChars;
        private long exactTokens;
        private long tokens;
        private long extrapolatedChars;

        Tally(Encoding encoding) {
            this.encoding = encoding;
        }

        void addTokens(int n) {
            tokens += n;
        }

        void add(String text) {
            if (text == null || text.isEmpty()) {
                return;
            }
            int exact = (int) Math.min(text.length(), EXACT_CHARS - exactChars);
            if (exact > 0) {
                if (exact < text.length() && Character.isHighSurrogate(text.charAt(exact - 1))) {
                    exact--; // never split a surrogate pair
                }
                int counted = countInPieces(encoding, text, exact);
                exactChars += exact;
                exactTokens += counted;
                tokens += counted;
            }
            extrapolate(text.length() - Math.max(exact, 0));
        }

        /**
         * Counts {@code text[0, end)} a piece of at most {@link #PIECE_CHARS} at a time, cut at whitespace where there
         * is some (where BPE's pre-tokenizer cuts anyway): jtokkit's memory grows steeply with the length of one
         * piece without spaces, and sixteen 256 KiB ones at once exhausted a 512 MB heap.
         */
        private static int countInPieces(Encoding encoding, String text, int end) {
            int tokens = 0;
            for (int from = 0; from < end; ) {
                int to = Math.min(end, from + PIECE_CHARS);
                if (to < end) {
                    int space = to - 1;
                    while (space > from && !Character.isWhitespace(text.charAt(space))) {
                        space--;
                    }
                    if (space > from) {
                        to = space;
                    } else if (Character.isHighSurrogate(text.charAt(to - 1))) {
                        to--;
                    }
                }
                tokens += encoding.countTokensOrdinary(text.substring(from, to));
                from = to;
            }
            return tokens;
        }

        void extrapolate(long chars) {
            extrapolatedChars += chars;
        }

        int tokens() {
            double perChar = exactChars == 0 ? 1 / CHARS_PER_TOKEN : (double) exactTokens / exactChars;
            return (int) Math.min(Integer.MAX_VALUE, tokens + (long) Math.ceil(extrapolatedChars * perChar));
        }
    }
}
