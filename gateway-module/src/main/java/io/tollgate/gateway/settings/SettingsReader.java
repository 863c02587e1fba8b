package io.tollgate.gateway.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@link TollgateSettings} from MicroProfile Config, once: every bean that needs a setting injects the record.
 * A value that is not of its type, or out of range, stops the start with a message naming the setting (never its
 * value: some are secrets).
 */
@ApplicationScoped
public class SettingsReader {

    @Produces
    @Singleton
    TollgateSettings settings() {
        return current();
    }

    /** For code that runs before CDI is up (the WAR's deployment listeners). */
    public static TollgateSettings current() {
        Config config = ConfigProvider.getConfig();
        return read(name -> config.getOptionalValue(name, String.class));
    }

    /** @param lookup a setting's raw value by name (empty when unset) */
    public static TollgateSettings read(Function<String, Optional<String>> lookup) {
        Values v = new Values(lookup);
        return new TollgateSettings(
                new TollgateSettings.Database(v.text("TOLLGATE_DB_URL", null), v.text("TOLLGATE_DB_USER", null),
                        v.text("TOLLGATE_DB_PASSWORD", null)),
                new TollgateSettings.Bodies(v.integer("TOLLGATE_MAX_BODY_BYTES", 8 * 1024 * 1024, 1),
                        v.millis("TOLLGATE_BODY_IDLE_TIMEOUT_MS", 10_000), v.millis("TOLLGATE_BODY_TIMEOUT_MS", 60_000)),
                new TollgateSettings.Admission(v.integer("TOLLGATE_DEFAULT_MAX_TOKENS", 1024, 1),
                        v.share("TOLLGATE_OUTAGE_ALLOWANCE", 0.1)),
                new TollgateSettings.Ledger(Path.of(v.text("TOLLGATE_SPILL_DIR",
                        Path.of(System.getProperty("java.io.tmpdir"), "tollgate-usage-spill").toString())),
                        v.integer("TOLLGATE_USAGE_RETENTION_DAYS", 90, 1), v.integer("TOLLGATE_USAGE_QUEUE", 100_000, 1)),
                new TollgateSettings.Health(v.millis("TOLLGATE_HEALTH_INTERVAL_MS", 5000)),
                new TollgateSettings.Drain(Duration.ofSeconds(v.integer("TOLLGATE_DRAIN_SECONDS", 60, 0))),
                new TollgateSettings.Seed(v.optional("TOLLGATE_ADMIN_PASSWORD"), v.optional("TOLLGATE_ADMIN_API_KEY"),
                        v.bool("TOLLGATE_SEED_DEMO"), v.optional("TOLLGATE_DEMO_API_KEY")),
                new TollgateSettings.AccessLog(v.text("TOLLGATE_ACCESS_LOG", "stdout")),
                new TollgateSettings.Security(v.optional("TOLLGATE_ENCRYPTION_KEY"),
                        v.optional("TOLLGATE_ENCRYPTION_KEY_PREVIOUS"), v.bool("TOLLGATE_HSTS")),
                new TollgateSettings.Sso(v.text("TOLLGATE_OIDC_ISSUER", ""), v.text("TOLLGATE_OIDC_CLIENT_ID", ""),
                        v.text("TOLLGATE_OIDC_CLIENT_SECRET", ""),
                        v.text("TOLLGATE_OIDC_USERNAME_CLAIM", "preferred_username")),
                v.bool("TOLLGATE_JAKARTA_REST_INFERENCE"));
    }

    /** Raw values, stripped, blank as unset, parsed with the setting's name in every error. */
    private record Values(Function<String, Optional<String>> lookup) {

        Optional<String> optional(String name) {
            return lookup.apply(name).map(String::strip).filter(s -> !s.isEmpty());
        }

        String text(String name, String otherwise) {
            return optional(name).orElse(otherwise);
        }

        int integer(String name, int otherwise, int min) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return otherwise;
            }
            try {
                int value = Integer.parseInt(raw.get());
                if (value >= min) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // told below
            }
            throw new IllegalArgumentException(name + " must be a whole number of at least " + min);
        }

        Duration millis(String name, int otherwise) {
            return Duration.ofMillis(integer(name, otherwise, 1));
        }

        double share(String name, double otherwise) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return otherwise;
            }
            try {
                double value = Double.parseDouble(raw.get());
                if (value >= 0 && value <= 1) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // told below
            }
            throw new IllegalArgumentException(name + " must be a number from 0 to 1");
        }

        boolean bool(String name) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return false;
            }
            // The values MicroProfile Config's own boolean converter takes.
            return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "yes", "y", "on" -> true;
                case "false", "0", "no", "n", "off" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false");
            };
        }
    }
}
