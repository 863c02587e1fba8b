package io.tollgate.gateway.config.control;

import io.tollgate.gateway.settings.TollgateSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The snapshot the request path reads. Staleness bound: a change committed on this replica is visible here before
 * the admin call returns; on other replicas within ~{@link ConfigChangeListener#POLL_MILLIS} ms of the NOTIFY or,
 * if the notification channel was down, within {@link ConfigChangeListener#RECONCILE_INTERVAL}.
 */
@ApplicationScoped
public class GatewayConfig {

    @Inject
    TollgateSettings settings;

    private static final Logger LOG = Logger.getLogger(GatewayConfig.class.getName());

    private final AtomicReference<GatewaySnapshot> current = new AtomicReference<>(GatewaySnapshot.EMPTY);
    private volatile DataSource dataSource;
    private ConfigChangeListener listener;

    @Inject
    SnapshotLoader loader;

    public GatewaySnapshot current() {
        return current.get();
    }

    /** Loads the first snapshot and starts following changes. */
    public synchronized void start(DataSource pool) {
        this.dataSource = pool;
        reload();
        if (listener == null) {
            listener = ConfigChangeListener.on(settings.database(), this);
            listener.start();
        }
    }

    /** Reloads over a pooled connection (admin requests, startup). */
    public void reload() {
        try (Connection c = dataSource.getConnection()) {
            reload(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the gateway configuration: " + e.getMessage(), e);
        }
    }

    /** Reloads over the given connection (the listener's own). */
    synchronized void reload(Connection connection) throws SQLException {
        current.set(loader.load(connection));
    }

    void onLocalChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConfigChanged change) {
        if (dataSource == null) {
            return;
        }
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reload after a local change failed; the listener will catch up", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (listener != null) {
            listener.stop();
        }
    }
}
