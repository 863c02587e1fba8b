package io.tollgate.gateway.bootstrap;

import io.tollgate.gateway.admission.control.Admission;
import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.ledger.control.Ledger;
import io.tollgate.migrations.SchemaMigrations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings a replica up: schema migrations, first-start seed, credentials re-sealed after a key rotation, the in-memory
 * snapshot, the change listener.
 * If PostgreSQL is not reachable yet the replica retries on a (non-persistent) timer and stays not-ready,
 * rather than failing its deployment. An EJB because its timer threads carry the container context that
 * JPA and JTA need.
 */
@Singleton
@jakarta.ejb.Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // Flyway commits its own work
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());
    private static final long RETRY_MILLIS = 5000;

    @Resource(lookup = "java:app/jdbc/tollgate")
    DataSource dataSource;
    @Resource
    TimerService timers;
    @Inject
    FirstStartSeed seed;
    @Inject
    GatewayConfig config;
    @Inject
    Admission admission;
    @Inject
    Ledger ledger;
    @Inject
    io.tollgate.gateway.backends.control.GpuPricing gpuPricing;
    @Inject
    io.tollgate.gateway.routing.control.FleetHealth fleetHealth;
    @Inject
    io.tollgate.gateway.backends.control.CredentialRotation credentialRotation;
    @Inject
    io.tollgate.gateway.usage.control.UsageMeter usage;
    @Inject
    ShutdownDrain drain;
    @Inject
    StartupState state;

    @PostConstruct
    void start() {
        if (!tryStart()) {
            timers.createSingleActionTimer(RETRY_MILLIS, new TimerConfig(null, false));
        }
    }

    @Timeout
    void retry() {
        if (!tryStart()) {
            timers.createSingleActionTimer(RETRY_MILLIS, new TimerConfig(null, false));
        }
    }

    private synchronized boolean tryStart() {
        if (state.isReady()) {
            return true;
        }
        try {
            var result = SchemaMigrations.migrate(dataSource);
            LOG.log(Level.INFO, "Schema at version {0} ({1} migrations applied now)",
                    new Object[]{result.targetSchemaVersion == null ? result.initialSchemaVersion
                            : result.targetSchemaVersion, result.migrationsExecuted});
            seed.seed();
            credentialRotation.reseal(dataSource);
            config.start(dataSource);
            admission.start();
            ledger.start();
            gpuPricing.start();
            fleetHealth.start();
            usage.start();
            drain.install();
            state.started();
            return true;
        } catch (RuntimeException e) {
            state.failed(String.valueOf(e.getMessage()));
            LOG.log(Level.WARNING, "Tollgate is not ready yet (retrying in " + RETRY_MILLIS / 1000 + " s): "
                    + e.getMessage(), e);
            return false;
        }
    }
}
