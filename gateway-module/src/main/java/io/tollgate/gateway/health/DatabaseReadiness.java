package io.tollgate.gateway.health;

import io.tollgate.gateway.admission.control.Admission;
import io.tollgate.gateway.bootstrap.ShutdownDrain;
import io.tollgate.gateway.bootstrap.StartupState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready = started: migrations applied and the snapshot loaded. After that a database outage is a degraded mode, not
 * a reason to leave the load balancer (cached keys keep working, admission runs on local bounds), so it is only
 * reported in the check's data ({@code database: unreachable}). The check itself never waits for the database: it
 * reads what admission's once-a-second upkeep last saw.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    StartupState startup;
    @Inject
    ShutdownDrain drain;
    @Inject
    Admission admission;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database").withData("schema", startup.isReady() ? "current" : "pending");
        if (drain.draining()) {
            return response.down().withData("stopping", "draining the requests in flight").build();
        }
        if (!startup.isReady()) {
            startup.lastFailure().ifPresent(failure -> response.withData("last_start_failure", failure));
            return response.down().build();
        }
        return response.up().withData("database", admission.databaseAnswers() ? "reachable" : "unreachable").build();
    }
}
