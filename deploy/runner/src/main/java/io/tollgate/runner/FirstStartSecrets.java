package io.tollgate.runner;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Decides which secrets a start hands to the app. On the first start of a data directory it generates the admin
 * password and admin API key (the app stores only their hashes, so they are printed once); the demo API key and
 * the encryption key are generated once and reused on every start, since the database depends on them.
 */
final class FirstStartSecrets {

    static final String ADMIN_PASSWORD = "TOLLGATE_ADMIN_PASSWORD";
    static final String ADMIN_API_KEY = "TOLLGATE_ADMIN_API_KEY";
    static final String ENCRYPTION_KEY = "TOLLGATE_ENCRYPTION_KEY";

    static final String DEMO_API_KEY_FILE = "demo-api-key";
    static final String ENCRYPTION_KEY_FILE = "encryption-key";
    /**
     * Generated admin credentials wait here until the first start reached ready: if that start fails after the app
     * created the admin user, the retry must print the same password, not a new one the app would ignore.
     */
    static final String PENDING_ADMIN_FILE = "first-start-admin";

    private final DataDirectory directory;
    private final SecretTokens tokens;

    FirstStartSecrets(DataDirectory directory, SecretTokens tokens) {
        this.directory = directory;
        this.tokens = tokens;
    }

    /**
     * @param freshDatabase true when the database is known to be empty (an embedded one never initialised), which
     *                      makes this a first start even if the marker survived a deleted database
     */
    /** Secrets for joining a database that is already set up: only what the user gave, plus the encryption key. */
    StartSecrets resolveJoining(Map<String, String> environment) throws IOException {
        Optional<String> givenEncryptionKey = nonBlank(environment.get(ENCRYPTION_KEY));
        String encryptionKey = givenEncryptionKey.isPresent()
                ? givenEncryptionKey.get()
                : storedOrGenerated(ENCRYPTION_KEY_FILE, tokens::encryptionKey);
        return new StartSecrets(false, nonBlank(environment.get(ADMIN_PASSWORD)),
                nonBlank(environment.get(ADMIN_API_KEY)), storedOrGenerated(DEMO_API_KEY_FILE, tokens::demoApiKey),
                encryptionKey);
    }

    StartSecrets resolve(Map<String, String> environment, boolean freshDatabase) throws IOException {
        boolean firstStart = freshDatabase || !directory.isInitialized();
        Optional<String> givenPassword = nonBlank(environment.get(ADMIN_PASSWORD));
        Optional<String> givenAdminKey = nonBlank(environment.get(ADMIN_API_KEY));

        Optional<String> adminPassword = givenPassword;
        Optional<String> adminApiKey = givenAdminKey;
        if (firstStart && (givenPassword.isEmpty() || givenAdminKey.isEmpty())) {
            Properties pending = pendingAdmin();
            adminPassword = givenPassword.or(() -> Optional.of(pending.getProperty("password")));
            adminApiKey = givenAdminKey.or(() -> Optional.of(pending.getProperty("apiKey")));
        }

        String demoApiKey = storedOrGenerated(DEMO_API_KEY_FILE, tokens::demoApiKey);
        Optional<String> givenEncryptionKey = nonBlank(environment.get(ENCRYPTION_KEY));
        String encryptionKey = givenEncryptionKey.isPresent()
                ? givenEncryptionKey.get()
                : storedOrGenerated(ENCRYPTION_KEY_FILE, tokens::encryptionKey);
        return new StartSecrets(firstStart, adminPassword, adminApiKey, demoApiKey, encryptionKey);
    }

    /** Called once Tollgate is ready: later starts are no longer first starts and forget the admin credentials. */
    void confirmStarted() throws IOException {
        directory.markInitialized();
        directory.deleteSecret(PENDING_ADMIN_FILE);
    }

    private Properties pendingAdmin() throws IOException {
        Properties pending = new Properties();
        Optional<String> stored = directory.readSecret(PENDING_ADMIN_FILE);
        if (stored.isPresent()) {
            pending.load(new StringReader(stored.get()));
        }
        if (pending.getProperty("password") == null || pending.getProperty("apiKey") == null) {
            pending.setProperty("password", tokens.adminPassword());
            pending.setProperty("apiKey", tokens.adminApiKey());
            StringWriter text = new StringWriter();
            pending.store(text, "Admin credentials of a first start that has not reached ready yet");
            directory.writeSecret(PENDING_ADMIN_FILE, text.toString());
        }
        return pending;
    }

    private String storedOrGenerated(String file, Supplier<String> generator) throws IOException {
        Optional<String> stored = directory.readSecret(file);
        if (stored.isPresent()) {
            return stored.get();
        }
        String generated = generator.get();
        directory.writeSecret(file, generated);
        return generated;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
