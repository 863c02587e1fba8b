package io.tollgate.gateway.health;

import io.tollgate.gateway.bootstrap.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.SQLException;

/** Ready = migrations applied (and the snapshot loaded) and PostgreSQL answering now. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    Startup startup;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database").withData("schema", startup.isReady() ? "current" : "pending");
        if (!startup.isReady()) {
            return response.down().build();
        }
        try (Connection c = startup.dataSource().getConnection()) {
            return response.status(c.isValid(2)).build();
        } catch (SQLException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
