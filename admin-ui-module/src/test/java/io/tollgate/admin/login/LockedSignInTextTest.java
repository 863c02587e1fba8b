package io.tollgate.admin.login;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LockedSignInTextTest {

    @Test
    void theWaitIsToldInWordsRoundedUp() {
        assertEquals("1 second", LoginView.inWords(Duration.ofMillis(200)));
        assertEquals("30 seconds", LoginView.inWords(Duration.ofSeconds(30)));
        assertEquals("1 minute", LoginView.inWords(Duration.ofSeconds(60)));
        assertEquals("2 minutes", LoginView.inWords(Duration.ofSeconds(61)));
        assertEquals("15 minutes", LoginView.inWords(Duration.ofMinutes(15)));
    }

    @Test
    void theMessageNeverSaysWhetherTheUserExists() {
        var texts = LoginView.lockedTexts(Duration.ofSeconds(30));
        assertEquals("Too many failed sign-ins", texts.getErrorMessage().getTitle());
        assertEquals("Sign-in is paused for this username or this network. Try again in 30 seconds.",
                texts.getErrorMessage().getMessage());
    }
}
