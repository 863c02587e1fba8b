package io.tollgate.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The runner's state on disk (TOLLGATE_DATA_DIR, ./.tollgate by default): database files, Payara's root directory,
 * logs and the secrets reused across starts. It holds keys, so it is readable by its owner only.
 */
final class DataDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final String INITIALIZED_MARKER = "initialized";

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    static DataDirectory open(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        restrictToOwner(absolute, OWNER_ONLY_DIRECTORY);
        DataDirectory directory = new DataDirectory(absolute);
        Files.createDirectories(directory.logs());
        return directory;
    }

    Path postgresData() {
        return root.resolve("pgdata");
    }

    /** Payara's before-boot commands, written on every start (outside the Payara root, which is emptied then). */
    Path preBootCommands() {
        return root.resolve("pre-boot.asadmin");
    }

    Path usageSpill() {
        return root.resolve("usage-spill");
    }

    Path payaraRoot() {
        return root.resolve("payara");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path serverLog() {
        return logs().resolve("server.log");
    }

    Path postgresLog() {
        return logs().resolve("postgres.log");
    }

    /** Written once Tollgate was ready on this data directory; its absence means the next start is a first start. */
    boolean isInitialized() {
        return Files.exists(root.resolve(INITIALIZED_MARKER));
    }

    void markInitialized() throws IOException {
        writeSecret(INITIALIZED_MARKER, "Tollgate started successfully on this data directory.");
    }

    Optional<String> readSecret(String name) throws IOException {
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        restrictToOwner(file, OWNER_ONLY_FILE);
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Creates the file with owner-only permissions before any byte is written, then moves it into place. */
    void writeSecret(String name, String value) throws IOException {
        Path target = root.resolve(name);
        Path temporary = root.resolve(name + ".tmp");
        Files.deleteIfExists(temporary);
        if (supportsPosix()) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } else {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, value + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void deleteSecret(String name) throws IOException {
        Files.deleteIfExists(root.resolve(name));
    }

    private static void restrictToOwner(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (supportsPosix()) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean supportsPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
