package io.tollgate.gateway.config.control;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Puts a given snapshot into a {@link GatewayConfig} the way a reload does, without a database: the loader is
 * replaced by one that answers with the snapshot, and the package-private {@code reload(Connection)} runs it.
 */
public final class Snapshots {

    private Snapshots() {
    }

    public static GatewayConfig configHolding(GatewaySnapshot snapshot) {
        GatewayConfig config = new GatewayConfig();
        publish(config, snapshot);
        return config;
    }

    public static void publish(GatewayConfig config, GatewaySnapshot snapshot) {
        config.loader = new SnapshotLoader() {
            @Override
            public GatewaySnapshot load(Connection connection) {
                return snapshot;
            }
        };
        try {
            config.reload((Connection) null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
