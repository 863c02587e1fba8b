package io.tollgate.runner;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerSettingsTest {

    @Test
    void defaultsToPort8080AndDotTollgate() {
        RunnerSettings settings = RunnerSettings.from(new String[0], Map.of());

        assertEquals(8080, settings.port());
        assertEquals(Path.of(".tollgate").toAbsolutePath().normalize(), settings.dataDirectory());
        assertEquals(List.of(), settings.payaraJvmOptions());
    }

    @Test
    void commandLineWinsOverTheEnvironment() {
        RunnerSettings settings = RunnerSettings.from(
                new String[] {"--port", "9090", "--data-dir", "/srv/tg"},
                Map.of("TOLLGATE_PORT", "7070", "TOLLGATE_DATA_DIR", "/elsewhere", "TOLLGATE_JAVA_OPTS", " -Dx=1  -Dy=2 "));

        assertEquals(9090, settings.port());
        assertEquals(Path.of("/srv/tg"), settings.dataDirectory());
        assertEquals(List.of("-Dx=1", "-Dy=2"), settings.payaraJvmOptions());
    }

    @Test
    void rejectsAPortThatIsNotAPort() {
        for (String port : new String[] {"http", "0", "65536", ""}) {
            IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                    () -> RunnerSettings.from(new String[0], Map.of("TOLLGATE_PORT", port)));
            assertTrue(rejected.getMessage().contains("TOLLGATE_PORT"));
        }
    }
}
