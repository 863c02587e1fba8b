package io.tollgate.gateway.config.control;

import io.tollgate.gateway.settings.TollgateSettings;
import org.eclipse.microprofile.config.Config;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this replica's snapshot in step with PostgreSQL: LISTENs on {@code tollgate_config} (the schema's triggers
 * NOTIFY on every change to keys, projects and backends) and reloads at once; reloads anyway every
 * {@link #RECONCILE_INTERVAL} in case a notification was lost while the connection was down.
 * It holds its own connection, outside the pool, because a LISTEN lives as long as its session, and it reads the
 * snapshot over that same connection with plain JDBC, so its thread needs no container context.
 */
final class ConfigChangeListener {

    static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(10);
    static final int POLL_MILLIS = 250;
    private static final Logger LOG = Logger.getLogger(ConfigChangeListener.class.getName());

    private final GatewayConfig config;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private Thread thread;

    ConfigChangeListener(GatewayConfig config, String url, String user, String password) {
        this.config = config;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static ConfigChangeListener on(TollgateSettings.Database database, GatewayConfig config) {
        return new ConfigChangeListener(config, database.url(), database.user(), database.password());
    }

    synchronized void start() {
        if (running || url == null) {
            if (url == null) {
                LOG.warning("TOLLGATE_DB_URL is not set: configuration changes from other replicas will not be seen");
            }
            return;
        }
        running = true;
        // Virtual: it spends its life blocked in LISTEN on a socket.
        thread = Thread.ofVirtual().name("tollgate-config-listener").start(this::listen);
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                try (Statement st = connection.createStatement()) {
                    st.execute("LISTEN tollgate_config");
                }
                // Whatever changed while we were not listening.
                config.reload(connection);
                PGConnection pg = connection.unwrap(PGConnection.class);
                long lastReload = System.nanoTime();
                while (running) {
                    var notes = pg.getNotifications(POLL_MILLIS);
                    boolean reconcileDue = System.nanoTime() - lastReload > RECONCILE_INTERVAL.toNanos();
                    if ((notes != null && notes.length > 0) || reconcileDue) {
                        config.reload(connection);
                        lastReload = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "Config listener: {0}; retrying in 2 s", e.getMessage());
                    sleep(2000);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
