package io.tollgate.gateway.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting Tollgate reads, typed, read once at start from MicroProfile Config (environment variables,
 * {@code -D} system properties, the WAR's microprofile-config.properties) by {@link SettingsReader}. The README's
 * configuration table lists the same names.
 *
 * @param jakartaRestInference {@code TOLLGATE_JAKARTA_REST_INFERENCE}: also serve chat completions as a Jakarta REST
 *                             resource under {@code /v1/rs}, for measuring it beside the servlet surface
 */
public record TollgateSettings(Database database, Bodies bodies, Admission admission, Ledger ledger, Health health,
                               Drain drain, Seed seed, AccessLog accessLog, Security security, Sso sso,
                               boolean jakartaRestInference) {

    /** {@code TOLLGATE_DB_URL}, {@code TOLLGATE_DB_USER}, {@code TOLLGATE_DB_PASSWORD}; url null when unset. */
    public record Database(String url, String user, String password) {
        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + "]"; // never the password
        }
    }

    /**
     * Inference request bodies: {@code TOLLGATE_MAX_BODY_BYTES}, {@code TOLLGATE_BODY_IDLE_TIMEOUT_MS} (no byte for
     * this long: 408), {@code TOLLGATE_BODY_TIMEOUT_MS} (the whole body).
     */
    public record Bodies(int maxBytes, Duration idleTimeout, Duration totalTimeout) {
    }

    /**
     * {@code TOLLGATE_DEFAULT_MAX_TOKENS} (reserved for a completion that does not say), {@code
     * TOLLGATE_OUTAGE_ALLOWANCE} (the share of a limit each replica may admit alone while PostgreSQL is away).
     */
    public record Admission(int defaultMaxTokens, double outageAllowance) {
    }

    /** {@code TOLLGATE_SPILL_DIR}, {@code TOLLGATE_USAGE_RETENTION_DAYS}, {@code TOLLGATE_USAGE_QUEUE}. */
    public record Ledger(Path spillDirectory, int retentionDays, int queueCapacity) {
    }

    /** {@code TOLLGATE_HEALTH_INTERVAL_MS}: between active health-check rounds. */
    public record Health(Duration checkInterval) {
    }

    /** {@code TOLLGATE_DRAIN_SECONDS}: how long open streams may finish after SIGTERM. */
    public record Drain(Duration grace) {
    }

    /**
     * The first start's seed: {@code TOLLGATE_ADMIN_PASSWORD}, {@code TOLLGATE_ADMIN_API_KEY} (else generated and
     * printed once), {@code TOLLGATE_SEED_DEMO}, {@code TOLLGATE_DEMO_API_KEY}.
     */
    public record Seed(Optional<String> adminPassword, Optional<String> adminApiKey, boolean demo,
                       Optional<String> demoApiKey) {
        @Override
        public String toString() {
            return "Seed[demo=" + demo + "]"; // never the secrets
        }
    }

    /** {@code TOLLGATE_ACCESS_LOG}: stdout, log or off. */
    public record AccessLog(String target) {
    }

    /**
     * {@code TOLLGATE_ENCRYPTION_KEY} and {@code TOLLGATE_ENCRYPTION_KEY_PREVIOUS} (base64, 32 bytes; the previous
     * one during a rotation), {@code TOLLGATE_HSTS}.
     */
    public record Security(Optional<String> encryptionKey, Optional<String> previousEncryptionKey, boolean hsts) {
        @Override
        public String toString() {
            return "Security[encryption=" + encryptionKey.isPresent() + ", hsts=" + hsts + "]";
        }
    }

    /**
     * The portal's optional OpenID Connect sign-on: {@code TOLLGATE_OIDC_ISSUER}, {@code TOLLGATE_OIDC_CLIENT_ID},
     * {@code TOLLGATE_OIDC_CLIENT_SECRET}, {@code TOLLGATE_OIDC_USERNAME_CLAIM}; on when issuer and client id are set.
     */
    public record Sso(String issuer, String clientId, String clientSecret, String usernameClaim) {

        public boolean configured() {
            return !issuer.isEmpty() && !clientId.isEmpty();
        }

        @Override
        public String toString() {
            return "Sso[issuer=" + issuer + ", clientId=" + clientId + "]";
        }
    }
}
