package io.tollgate.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/jdk.sh, which ./tollgate, .ci/run and the bench scripts use to find a JDK 21+, run by bash against
 * stand-in JDKs (scripts that answer {@code -XshowSettings} as a JDK of the given version does).
 */
class JdkSelectionTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

    @TempDir
    Path temp;

    @Test
    void takesTheNewestSuitableJdkWhenJavaHomeIsTooOld() throws Exception {
        Path old = jdk("jdk-17", 17, true);
        jdk("search/jdk-21", 21, true);
        Path newest = jdk("search/jdk-25", 25, true);

        Result found = findJdk(old, temp.resolve("search"));

        assertEquals(0, found.exit(), found.err());
        assertEquals(newest.toString(), found.out().strip());
    }

    @Test
    void keepsJavaHomeWhenItIsNewEnough() throws Exception {
        Path home = jdk("jdk-21", 21, true);
        jdk("search/jdk-25", 25, true);

        Result found = findJdk(home, temp.resolve("search"));

        assertEquals(home.toString(), found.out().strip());
    }

    @Test
    void passesOverARuntimeWithoutACompiler() throws Exception {
        jdk("search/jre-25", 25, false);
        Path jdk = jdk("search/jdk-21", 21, true);

        Result found = findJdk(jdk("jdk-17", 17, true), temp.resolve("search"));

        assertEquals(jdk.toString(), found.out().strip());
    }

    @Test
    void tollgateRunSaysInOneLineWhatToInstallWhenNoJdkIsNewEnough() throws Exception {
        Path old = jdk("jdk-17", 17, true);
        Files.createDirectories(temp.resolve("empty"));

        Result run = run(List.of("bash", ROOT.resolve("tollgate").toString(), "run"), Map.of(
                "JAVA_HOME", old.toString(), "TOLLGATE_JDK_SEARCH", temp.resolve("empty").toString(),
                "TOLLGATE_PORT", "1"));

        assertEquals(1, run.exit());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).contains("needs a JDK 21 or newer"), lines.get(0));
        assertEquals("", run.out());
    }

    private Result findJdk(Path javaHome, Path search) throws Exception {
        String script = "source " + ROOT.resolve("deploy/jdk.sh") + " && find_jdk && echo \"$JAVA_HOME\"";
        return run(List.of("bash", "-c", script),
                Map.of("JAVA_HOME", javaHome.toString(), "TOLLGATE_JDK_SEARCH", search.toString()));
    }

    /** A folder that looks like a JDK of the given feature version to jdk.sh. */
    private Path jdk(String name, int feature, boolean withCompiler) throws IOException {
        Path home = temp.resolve(name);
        Path bin = Files.createDirectories(home.resolve("bin"));
        executable(bin.resolve("java"), "#!/bin/sh\necho '    java.specification.version = " + feature + "' >&2\n");
        if (withCompiler) {
            executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        }
        return home;
    }

    /** A PATH whose only java is one too old, so the machine's own JDKs never answer for the stand-ins. */
    private String path() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("path-bin"));
        executable(bin.resolve("java"), "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");
        return bin + ":/usr/bin:/bin";
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("PATH", path());
        builder.environment().put("HOME", temp.toString());
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "jdk.sh did not finish in 30 s");
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int exit, String out, String err) {
    }
}
