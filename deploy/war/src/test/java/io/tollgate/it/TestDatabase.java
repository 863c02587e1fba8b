package io.tollgate.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The PostgreSQL the integration tests run against: an embedded one (real PostgreSQL binaries) started once per test
 * run, or the external one named by TOLLGATE_TEST_DB_URL (+ _USER, _PASSWORD), whose public schema is reset first —
 * so point it only at a database meant for tests. Runs before Arquillian boots Payara Micro, and hands the
 * database and test secrets to it as -D options.
 */
public class TestDatabase implements LauncherSessionListener {

    public static final String ADMIN_KEY = "sk-tgadm-integrationTestAdminKey0000000000000001";
    public static final String DEMO_KEY = "sk-tg-integrationTestDemoKey000000000000000000001";
    public static final String ENCRYPTION_KEY = Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes());

    /** Marks this run's servers (-Dtollgate.it.run=…), so a test can find one that outlived its stop. */
    static final String RUN = java.util.UUID.randomUUID().toString();

    private static EmbeddedPostgres embedded;
    private static String url;
    private static String user;
    private static String password;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (url != null) {
            return;
        }
        try {
            String external = System.getenv("TOLLGATE_TEST_DB_URL");
            if (external != null && !external.isBlank()) {
                url = external;
                user = System.getenv().getOrDefault("TOLLGATE_TEST_DB_USER", "postgres");
                password = System.getenv().getOrDefault("TOLLGATE_TEST_DB_PASSWORD", "");
                resetSchema();
            } else {
                embedded = EmbeddedPostgres.builder().start();
                url = embedded.getJdbcUrl("postgres", "postgres");
                user = "postgres";
                password = "postgres";
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test database", e);
        }
        System.setProperty("tollgate.test.jvm.options", String.join(" ",
                "-Xmx768m",
                "-Dtollgate.it.run=" + RUN,
                "-DTOLLGATE_DB_URL=" + url,
                "-DTOLLGATE_DB_USER=" + user,
                "-DTOLLGATE_DB_PASSWORD=" + (password.isEmpty() ? "\"\"" : password),
                "-DTOLLGATE_ADMIN_API_KEY=" + ADMIN_KEY,
                "-DTOLLGATE_ADMIN_PASSWORD=integration-test-password",
                "-DTOLLGATE_SEED_DEMO=true",
                "-DTOLLGATE_DEMO_API_KEY=" + DEMO_KEY,
                "-DTOLLGATE_ENCRYPTION_KEY=" + ENCRYPTION_KEY,
                "-DTOLLGATE_HEALTH_INTERVAL_MS=1000",
                // Spilled usage events stay with this test run's database, never replayed into another one.
                "-DTOLLGATE_SPILL_DIR=" + spillDirectory()));
    }

    private static String spillDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("tollgate-it-spill").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void resetSchema() throws SQLException {
        try (Connection c = connect()) {
            c.createStatement().execute("drop schema public cascade; create schema public;");
        }
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception ignored) {
                // the test JVM is ending anyway
            }
            embedded = null;
        }
    }
}
