package io.tollgate.runner;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What to run and where, from the command line the ./tollgate script builds and the environment the user sets.
 * Command-line options win over the environment so the script can pass paths it already resolved.
 */
record RunnerSettings(int port, Path dataDirectory, Path war, Path payaraMicroJar, List<String> payaraJvmOptions) {

    static final int DEFAULT_PORT = 8080;

    static RunnerSettings from(String[] args, Map<String, String> environment) {
        String port = environment.getOrDefault("TOLLGATE_PORT", Integer.toString(DEFAULT_PORT));
        String dataDirectory = environment.getOrDefault("TOLLGATE_DATA_DIR", ".tollgate");
        String war = "deploy/war/target/tollgate.war";
        String payaraMicroJar = "deploy/runner/target/payara-micro.jar";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = value;
                case "--data-dir" -> dataDirectory = value;
                case "--war" -> war = value;
                case "--payara-micro" -> payaraMicroJar = value;
                default -> throw new IllegalArgumentException("Unknown option " + option
                        + " (expected --port, --data-dir, --war, --payara-micro)");
            }
        }
        String javaOptions = environment.getOrDefault("TOLLGATE_JAVA_OPTS", "").strip();
        return new RunnerSettings(parsePort(port),
                Path.of(dataDirectory).toAbsolutePath().normalize(),
                Path.of(war).toAbsolutePath().normalize(),
                Path.of(payaraMicroJar).toAbsolutePath().normalize(),
                javaOptions.isEmpty() ? List.of() : Arrays.asList(javaOptions.split("\\s+")));
    }

    static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("TOLLGATE_PORT must be a port number between 1 and 65535, not '" + text + "'");
    }
}
