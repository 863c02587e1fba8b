package io.tollgate.runner;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretTokensTest {

    private final SecretTokens tokens = new SecretTokens();

    @Test
    void adminPasswordIsTwentyAlphanumericCharacters() {
        assertTrue(tokens.adminPassword().matches("[A-Za-z0-9]{20}"));
    }

    @Test
    void adminApiKeyHasItsPrefixAndFortyBase62Characters() {
        assertTrue(tokens.adminApiKey().matches("sk-tgadm-[A-Za-z0-9]{40}"));
    }

    @Test
    void demoApiKeyHasItsPrefixAndFortyBase62Characters() {
        assertTrue(tokens.demoApiKey().matches("sk-tg-[A-Za-z0-9]{40}"));
    }

    @Test
    void encryptionKeyIsThirtyTwoBytesInBase64() {
        assertEquals(32, Base64.getDecoder().decode(tokens.encryptionKey()).length);
    }

    @Test
    void alphabetIsExactlyTheSixtyTwoAlphanumerics() {
        Set<Character> alphabet = SecretTokens.ALPHANUMERIC.chars().mapToObj(c -> (char) c).collect(Collectors.toSet());
        assertEquals(62, alphabet.size());
        assertTrue(alphabet.stream().allMatch(c -> Character.isLetterOrDigit(c) && c < 128));
    }

    @Test
    void drawsFromTheWholeAlphabet() {
        // 20,000 draws: a character missing by chance has probability below 62 * (61/62)^20000, about 1e-139.
        Set<Character> seen = tokens.alphanumeric(20_000).chars().mapToObj(c -> (char) c).collect(Collectors.toSet());
        assertEquals(62, seen.size());
    }

    @Test
    void drawsAreUniformEnoughToCarryFullEntropy() {
        int draws = 62_000;
        int[] counts = new int[128];
        tokens.alphanumeric(draws).chars().forEach(c -> counts[c]++);
        double expected = draws / 62.0;
        double chiSquare = SecretTokens.ALPHANUMERIC.chars()
                .mapToDouble(c -> Math.pow(counts[c] - expected, 2) / expected).sum();
        // 61 degrees of freedom: a fair generator exceeds 125 about once in 300,000 runs; a biased one (say, modulo
        // bias from a byte % 62) lands far above.
        assertTrue(chiSquare < 125, "chi-square " + chiSquare);
    }

    @Test
    void neverRepeatsAKey() {
        Set<String> keys = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> keys.add(tokens.demoApiKey()));
        assertEquals(1000, keys.size());
        assertNotEquals(tokens.adminPassword(), tokens.adminPassword());
    }
}
