package io.tollgate.migrations;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Tollgate's schema, owned by Flyway. The gateway applies it at startup; {@link #main} applies it on its own
 * (a migration job before a rollout) from TOLLGATE_DB_URL, TOLLGATE_DB_USER and TOLLGATE_DB_PASSWORD.
 */
public final class SchemaMigrations {

    public static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return configure(Flyway.configure(SchemaMigrations.class.getClassLoader()).dataSource(dataSource)).load().migrate();
    }

    public static MigrateResult migrate(String url, String user, String password) {
        return configure(Flyway.configure(SchemaMigrations.class.getClassLoader()).dataSource(url, user, password)).load().migrate();
    }

    /** True when every migration this build knows about has been applied. */
    public static boolean isCurrent(DataSource dataSource) {
        var flyway = configure(Flyway.configure(SchemaMigrations.class.getClassLoader()).dataSource(dataSource)).load();
        return flyway.info().pending().length == 0;
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration configure(
            org.flywaydb.core.api.configuration.FluentConfiguration config) {
        return config.locations(LOCATION).table("flyway_schema_history").failOnMissingLocations(true);
    }

    public static void main(String[] args) {
        String url = System.getenv("TOLLGATE_DB_URL");
        if (url == null || url.isBlank()) {
            System.err.println("Set TOLLGATE_DB_URL (and TOLLGATE_DB_USER, TOLLGATE_DB_PASSWORD) to the PostgreSQL to migrate.");
            System.exit(2);
        }
        MigrateResult result = migrate(url, System.getenv("TOLLGATE_DB_USER"), System.getenv("TOLLGATE_DB_PASSWORD"));
        System.out.printf("Schema at version %s (%d migrations applied now)%n",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
