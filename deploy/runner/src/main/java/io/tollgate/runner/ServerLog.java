package io.tollgate.runner;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The part of server.log written by this run. The file is appended to across runs, so a failure logged by an
 * earlier run must not count: everything here reads from the size the file had when this run began.
 */
final class ServerLog {

    /**
     * What Payara Micro logs when it cannot boot (a port clash, a bad option) or cannot load the WAR. Either way its
     * JVM stays alive and /health/ready answers 503 forever, so only the log tells a failure from a slow start.
     */
    static final List<String> STARTUP_FAILURES = List.of(
            "Failed to start",
            "Exception while loading the app",
            "Exception while deploying the app");
    private static final int LONGEST_FAILURE = STARTUP_FAILURES.stream().mapToInt(String::length).max().orElse(0);
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final long ROTATE_ABOVE_BYTES = 20L * 1024 * 1024;
    private static final int TAIL_BYTES = 64 * 1024;

    private final Path file;
    private final long runStart;
    private long scannedUpTo;

    private ServerLog(Path file, long runStart) {
        this.file = file;
        this.runStart = runStart;
        this.scannedUpTo = runStart;
    }

    /** Keeps one previous generation so a log appended to on every start cannot grow without bound. */
    static ServerLog beginRun(Path file) throws IOException {
        if (Files.exists(file) && Files.size(file) > ROTATE_ABOVE_BYTES) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        return new ServerLog(file, Files.size(file));
    }

    Path file() {
        return file;
    }

    /** Scans only what was appended since the last call, overlapping a little so a message split across reads is found. */
    boolean showsStartupFailure() throws IOException {
        long size = Files.size(file);
        if (size <= scannedUpTo) {
            return false;
        }
        long from = Math.max(runStart, scannedUpTo - LONGEST_FAILURE);
        String appended = read(from, size);
        scannedUpTo = size;
        return STARTUP_FAILURES.stream().anyMatch(appended::contains);
    }

    /**
     * The first SEVERE entry this run logged, with the lines after it: the cause, which a stack trace usually
     * pushes out of the last lines. Payara puts a multi-line message on the lines after the header.
     */
    List<String> firstSevere(int lines) throws IOException {
        List<String> all = readableLines(read(runStart, Math.min(Files.size(file), runStart + 4L * 1024 * 1024)));
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).contains("SEVERE")) {
                return all.subList(i, Math.min(all.size(), i + lines));
            }
        }
        return List.of();
    }

    List<String> lastLines(int count) throws IOException {
        long size = Files.size(file);
        long from = Math.max(runStart, size - TAIL_BYTES);
        List<String> lines = readableLines(read(from, size));
        if (from > runStart && !lines.isEmpty()) {
            lines.remove(0); // most likely cut in the middle
        }
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /** Without blank lines and without the colour codes Payara writes even into a file. */
    private static List<String> readableLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String plain = ANSI_ESCAPE.matcher(line).replaceAll("");
            if (!plain.isBlank()) {
                lines.add(plain);
            }
        }
        return lines;
    }

    private String read(long from, long to) throws IOException {
        try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) (to - from)];
            reader.seek(from);
            reader.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
