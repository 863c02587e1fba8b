package io.tollgate.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerLogTest {

    @TempDir
    Path temp;

    private Path logFile() {
        return temp.resolve("server.log");
    }

    private void append(String text) throws IOException {
        Files.writeString(logFile(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void failureLoggedByAnEarlierRunDoesNotCount() throws IOException {
        append("[SEVERE] Failed to start, exiting\n");

        ServerLog log = ServerLog.beginRun(logFile());
        append("INFO booting\n");

        assertFalse(log.showsStartupFailure());
        assertEquals(List.of("INFO booting"), log.lastLines(30));
    }

    @Test
    void portClashOfThisRunIsSeen() throws IOException {
        ServerLog log = ServerLog.beginRun(logFile());
        append("INFO booting\n");
        assertFalse(log.showsStartupFailure());

        append("SEVERE Failed to start, exiting\n");

        assertTrue(log.showsStartupFailure());
    }

    @Test
    void failedDeploymentIsSeen() throws IOException {
        ServerLog log = ServerLog.beginRun(logFile());
        append("SEVERE Exception while loading the app\n");

        assertTrue(log.showsStartupFailure());
    }

    @Test
    void messageWrittenInTwoPiecesIsSeen() throws IOException {
        ServerLog log = ServerLog.beginRun(logFile());
        append("SEVERE Failed to st");
        assertFalse(log.showsStartupFailure());

        append("art, exiting\n");

        assertTrue(log.showsStartupFailure());
    }

    @Test
    void lastLinesAreThisRunsWithoutColourCodes() throws IOException {
        ServerLog log = ServerLog.beginRun(logFile());
        for (int i = 1; i <= 40; i++) {
            append("\u001B[1;92mINFO\u001B[0m line " + i + "\n\n");
        }

        List<String> tail = log.lastLines(30);

        assertEquals(30, tail.size());
        assertEquals("INFO line 11", tail.get(0));
        assertEquals("INFO line 40", tail.get(29));
    }

    @Test
    void firstSevereEntryIsFoundWithTheMessageBelowIt() throws IOException {
        ServerLog log = ServerLog.beginRun(logFile());
        append("INFO ok\n[SEVERE] [[\n  Persistent timers are not supported\n]]\nSEVERE later\n");

        assertEquals(List.of("[SEVERE] [[", "  Persistent timers are not supported"), log.firstSevere(2));
    }
}
