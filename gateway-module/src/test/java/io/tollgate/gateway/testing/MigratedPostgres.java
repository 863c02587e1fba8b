package io.tollgate.gateway.testing;

import io.tollgate.migrations.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;

/**
 * A real PostgreSQL (embedded binaries) per test class, migrated by Tollgate's own Flyway scripts. Register it as
 * {@code @RegisterExtension static final MigratedPostgres postgres = new MigratedPostgres();}.
 */
public final class MigratedPostgres implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        SchemaMigrations.migrate(postgres.getPostgresDatabase());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        postgres.close();
    }

    public DataSource database() {
        return postgres.getPostgresDatabase();
    }

    /** JDBC URL of the database (user and password {@code postgres}). */
    public String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }
}
