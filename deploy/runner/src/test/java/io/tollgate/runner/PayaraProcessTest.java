package io.tollgate.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayaraProcessTest {

    @Test
    void deploysTheWarAtTheRootWithoutADataGrid() {
        List<String> command = PayaraProcess.command(Path.of("/jdk/bin/java"), List.of("-Dextra=1"),
                Path.of("/r/payara-micro.jar"), Path.of("/w/tollgate.war"), 8080, Path.of("/d/payara"),
                Path.of("/d/pre-boot.asadmin"));

        assertEquals(List.of("/jdk/bin/java", "-Xms256m", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-Dextra=1",
                "-jar", "/r/payara-micro.jar",
                "--deploy", "/w/tollgate.war",
                "--contextroot", "/",
                "--port", "8080",
                "--nohazelcast",
                "--rootdir", "/d/payara",
                "--prebootcommandfile", "/d/pre-boot.asadmin",
                "--disablephonehome"), command);
        assertTrue(PayaraProcess.PRE_BOOT_COMMANDS.contains("http2-enabled=false"), "no cleartext HTTP/2");
        // --nocluster would make Payara ignore --nohazelcast and listen on 6900 again.
        assertFalse(command.contains("--nocluster"));
    }

    @Test
    void startsEveryRunWithAnEmptyRootDirectory(@TempDir Path temp) throws Exception {
        Path root = temp.resolve("payara");
        Files.createDirectories(root.resolve("applications/tollgate"));
        Files.writeString(root.resolve("applications/tollgate/stale.class"), "previous run");
        Path log = temp.resolve("server.log");

        PayaraProcess process = PayaraProcess.start(List.of("true"), Map.of(), root, log);
        process.waitForExit();

        try (Stream<Path> left = Files.list(root)) {
            assertEquals(0, left.count());
        }
    }
}
