package io.tollgate.it;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Turns a valid request body into a broken one the way fuzzers do: truncation, flipped bytes, values swapped for
 * other JSON types, deep nesting, invalid UTF-8, huge numbers. Seeded, so a failure can be replayed.
 */
final class Mutations {

    private static final String[] VALUES = {"null", "true", "-1", "0", "1e309", "18446744073709551616", "\"\"",
            "\"x\"", "[]", "{}", "[[[[]]]]", "{\"a\":{\"b\":{}}}", "\"\\ud800\"", "-0.0", "[null]"};

    private Mutations() {
    }

    static byte[] mutate(byte[] valid, Random random) {
        String text = new String(valid, StandardCharsets.UTF_8);
        return switch (random.nextInt(8)) {
            case 0 -> truncate(valid, random);
            case 1 -> flip(valid, random);
            case 2 -> swapValue(text, random).getBytes(StandardCharsets.UTF_8);
            case 3 -> ("[".repeat(1 + random.nextInt(5000)) + text).getBytes(StandardCharsets.UTF_8);
            case 4 -> invalidUtf8(valid, random);
            case 5 -> swapValue(swapValue(text, random), random).getBytes(StandardCharsets.UTF_8);
            case 6 -> text.replace("\"", random.nextBoolean() ? "'" : "").getBytes(StandardCharsets.UTF_8);
            default -> garbage(random);
        };
    }

    private static byte[] truncate(byte[] b, Random random) {
        return java.util.Arrays.copyOf(b, random.nextInt(b.length));
    }

    private static byte[] flip(byte[] b, Random random) {
        byte[] copy = b.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** Replaces the value after a random ':' with another JSON value of any type. */
    private static String swapValue(String json, Random random) {
        int colon = -1;
        for (int tries = 0; tries < 10 && colon < 0; tries++) {
            int at = json.indexOf(':', random.nextInt(json.length()));
            colon = at;
        }
        if (colon < 0) {
            return json;
        }
        int end = colon + 1;
        int depth = 0;
        boolean inString = false;
        while (end < json.length()) {
            char c = json.charAt(end);
            if (inString) {
                if (c == '\\') {
                    end++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        return json.substring(0, colon + 1) + VALUES[random.nextInt(VALUES.length)] + json.substring(end);
    }

    private static byte[] invalidUtf8(byte[] b, Random random) {
        byte[] copy = b.clone();
        copy[random.nextInt(copy.length)] = (byte) (0x80 + random.nextInt(0x40));
        return copy;
    }

    private static byte[] garbage(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }
}
