package io.tollgate.runner;

import java.util.Optional;

/**
 * The secrets one start hands to the app. The admin password and admin API key are present only when known to the
 * runner: generated on a first start, or given through the environment. Otherwise they live only as hashes in the database.
 */
record StartSecrets(boolean firstStart,
                    Optional<String> adminPassword,
                    Optional<String> adminApiKey,
                    String demoApiKey,
                    String encryptionKey) {
}
