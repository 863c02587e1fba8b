package io.tollgate.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstStartSecretsTest {

    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @TempDir
    Path temp;

    private Path dataRoot() {
        return temp.resolve("data");
    }

    private FirstStartSecrets secrets() throws IOException {
        return new FirstStartSecrets(DataDirectory.open(dataRoot()), new SecretTokens());
    }

    @Test
    void firstStartGeneratesEverySecret() throws IOException {
        StartSecrets first = secrets().resolve(NO_ENVIRONMENT, false);

        assertTrue(first.firstStart());
        assertTrue(first.adminPassword().orElseThrow().matches("[A-Za-z0-9]{20}"));
        assertTrue(first.adminApiKey().orElseThrow().matches("sk-tgadm-[A-Za-z0-9]{40}"));
        assertTrue(first.demoApiKey().matches("sk-tg-[A-Za-z0-9]{40}"));
        assertEquals(first.demoApiKey(), Files.readString(dataRoot().resolve("demo-api-key")).strip());
        assertEquals(first.encryptionKey(), Files.readString(dataRoot().resolve("encryption-key")).strip());
    }

    @Test
    void laterStartsReuseDemoAndEncryptionKeysButNoLongerKnowTheAdminCredentials() throws IOException {
        FirstStartSecrets firstRun = secrets();
        StartSecrets first = firstRun.resolve(NO_ENVIRONMENT, false);
        firstRun.confirmStarted();

        StartSecrets second = secrets().resolve(NO_ENVIRONMENT, false);

        assertFalse(second.firstStart());
        assertEquals(Optional.empty(), second.adminPassword());
        assertEquals(Optional.empty(), second.adminApiKey());
        assertEquals(first.demoApiKey(), second.demoApiKey());
        assertEquals(first.encryptionKey(), second.encryptionKey());
        assertFalse(Files.exists(dataRoot().resolve(FirstStartSecrets.PENDING_ADMIN_FILE)));
    }

    @Test
    void firstStartThatNeverGotReadyIsRetriedWithTheSameAdminCredentials() throws IOException {
        StartSecrets failed = secrets().resolve(NO_ENVIRONMENT, false);

        StartSecrets retry = secrets().resolve(NO_ENVIRONMENT, false);

        assertTrue(retry.firstStart());
        assertEquals(failed.adminPassword(), retry.adminPassword());
        assertEquals(failed.adminApiKey(), retry.adminApiKey());
    }

    @Test
    void deletedDatabaseMakesTheNextStartAFirstStartWithNewAdminCredentials() throws IOException {
        FirstStartSecrets firstRun = secrets();
        StartSecrets first = firstRun.resolve(NO_ENVIRONMENT, true);
        firstRun.confirmStarted();

        StartSecrets afterDatabaseDeleted = secrets().resolve(NO_ENVIRONMENT, true);

        assertTrue(afterDatabaseDeleted.firstStart());
        assertNotEquals(first.adminPassword(), afterDatabaseDeleted.adminPassword());
        assertEquals(first.demoApiKey(), afterDatabaseDeleted.demoApiKey());
    }

    @Test
    void credentialsFromTheEnvironmentWinAndArePassedOnEveryStart() throws IOException {
        Map<String, String> environment = Map.of(
                "TOLLGATE_ADMIN_PASSWORD", "chosen-password",
                "TOLLGATE_ADMIN_API_KEY", "sk-tgadm-chosen",
                "TOLLGATE_ENCRYPTION_KEY", "a2V5LWZyb20tZW52aXJvbm1lbnQ=");
        FirstStartSecrets firstRun = secrets();
        StartSecrets first = firstRun.resolve(environment, false);
        firstRun.confirmStarted();
        StartSecrets later = secrets().resolve(environment, false);

        for (StartSecrets start : new StartSecrets[] {first, later}) {
            assertEquals(Optional.of("chosen-password"), start.adminPassword());
            assertEquals(Optional.of("sk-tgadm-chosen"), start.adminApiKey());
            assertEquals("a2V5LWZyb20tZW52aXJvbm1lbnQ=", start.encryptionKey());
        }
        assertFalse(Files.exists(dataRoot().resolve("encryption-key")), "a given key is never written to disk");
        assertFalse(Files.exists(dataRoot().resolve(FirstStartSecrets.PENDING_ADMIN_FILE)));
    }

    @Test
    void secretsAreReadableByTheOwnerOnly() throws IOException {
        secrets().resolve(NO_ENVIRONMENT, false);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataRoot())));
        for (String file : new String[] {"demo-api-key", "encryption-key", FirstStartSecrets.PENDING_ADMIN_FILE}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataRoot().resolve(file))), file);
        }
    }

    @Test
    void looseDataDirectoryPermissionsAreTightened() throws IOException {
        Files.createDirectories(dataRoot(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        DataDirectory.open(dataRoot());

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataRoot())));
    }
}
