package io.tollgate.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaMigrationsTest {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void appliesOnceAndIsCurrentAfterwards() {
        var ds = postgres.getPostgresDatabase();
        SchemaMigrations.migrate(ds);
        var again = SchemaMigrations.migrate(ds);
        assertEquals(0, again.migrationsExecuted);
        assertNotNull(again.initialSchemaVersion);
        assertTrue(SchemaMigrations.isCurrent(ds));
    }

    @Test
    void notifiesListenersWhenBackendsChange() throws SQLException {
        var ds = postgres.getPostgresDatabase();
        SchemaMigrations.migrate(ds);
        try (Connection listener = ds.getConnection(); Connection writer = ds.getConnection()) {
            listener.createStatement().execute("listen tollgate_config");
            writer.createStatement().execute(
                    "insert into backends (id, name, kind) values ('b_notify', 'notify-test', 'simulator')");
            var pg = listener.unwrap(org.postgresql.PGConnection.class);
            List<String> channels = new ArrayList<>();
            var notes = pg.getNotifications(2000);
            for (var n : notes) {
                channels.add(n.getName() + ":" + n.getParameter());
            }
            assertTrue(channels.contains("tollgate_config:backends"), channels.toString());
        }
    }

    @Test
    void refusesAnHttpBackendWithoutBaseUrl() throws SQLException {
        var ds = postgres.getPostgresDatabase();
        SchemaMigrations.migrate(ds);
        try (Connection c = ds.getConnection()) {
            assertThrows(SQLException.class, () -> c.createStatement().execute(
                    "insert into backends (id, name, kind) values ('b_bad', 'no-url', 'openai')"));
        }
    }
}
