package io.tollgate.gateway.platform;

import io.tollgate.gateway.settings.TollgateSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One PostgreSQL session of a background worker's own, outside the pool, with short timeouts: when the database is
 * away, the worker learns it within seconds instead of waiting for a pooled connection, and it needs no container
 * context. Reconnects on next use after {@link #close()}.
 */
public final class DirectConnection {

    private final String url;
    private final Properties properties = new Properties();
    private Connection connection;

    public DirectConnection(String url, String user, String password, String applicationName, int socketTimeoutSeconds) {
        this.url = url;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        properties.setProperty("ApplicationName", applicationName);
    }

    /** To the gateway's own database (the TOLLGATE_DB_* settings). */
    public static DirectConnection to(TollgateSettings.Database database, String applicationName,
                                      int socketTimeoutSeconds) {
        if (database.url() == null) {
            throw new IllegalStateException("TOLLGATE_DB_URL is not set");
        }
        return new DirectConnection(database.url(), database.user(), database.password(), applicationName,
                socketTimeoutSeconds);
    }

    public synchronized Connection get() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, properties);
        }
        return connection;
    }

    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // dropped either way
            }
            connection = null;
        }
    }
}
