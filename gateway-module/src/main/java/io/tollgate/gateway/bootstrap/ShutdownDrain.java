package io.tollgate.gateway.bootstrap;

import io.tollgate.gateway.settings.TollgateSettings;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.routing.control.BackendStats;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SIGTERM starts a drain rather than Payara's immediate stop, which undeploys at once and cuts every open stream:
 * readiness goes down (the load balancer stops sending), new inference requests are turned away with a retryable
 * 503 and {@code Connection: close}, and once the requests in flight have ended (or after
 * {@code TOLLGATE_DRAIN_SECONDS}, default 60; Kubernetes' grace period is sized to cover it) the ledger is written,
 * admission leases are returned, and the process ends. SIGINT (Ctrl-C in a terminal) still stops at once.
 */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class.getName());
    private static final Signal TERM = new Signal("TERM");
    /** After the last relay ended: its response's last bytes and completion are still being written. */
    private static final long SETTLE_MILLIS = 250;

    @Inject
    BackendStats stats;
    @Inject
    io.tollgate.gateway.admission.control.Admission admission;
    @Inject
    io.tollgate.gateway.ledger.control.Ledger ledger;
    @Inject
    io.tollgate.gateway.routing.control.FleetHealth health;
    @Inject
    io.tollgate.gateway.usage.control.UsageMeter usage;
    @Inject
    TollgateSettings settings;

    private volatile boolean draining;
    private SignalHandler previous;
    /** The application's class loader: CDI proxies need it as the context class loader of the thread using them. */
    private ClassLoader application;

    /** Takes SIGTERM over from the JVM; called once the replica has started. */
    synchronized void install() {
        if (previous != null) {
            return;
        }
        application = Thread.currentThread().getContextClassLoader();
        try {
            previous = Signal.handle(TERM, signal -> begin());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "SIGTERM cannot be handled here; a stop will not wait for open streams", e);
        }
    }

    public boolean draining() {
        return draining;
    }

    /** Refuses a new inference request while draining: it should go to another replica. */
    public void refuseIfDraining() {
        if (draining) {
            throw new ApiException(Refusal.DRAINING.error("This Tollgate replica is shutting down. Please retry; "
                    + "the request will reach another replica.").retryAfter(java.time.Duration.ZERO));
        }
    }

    void begin() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        Thread waiter = Thread.ofVirtual().name("tollgate-drain").unstarted(this::awaitInFlightThenExit);
        waiter.setContextClassLoader(application);
        waiter.start();
    }

    private void awaitInFlightThenExit() {
        long started = System.nanoTime();
        long drainSeconds = settings.drain().grace().toSeconds();
        long deadline = started + TimeUnit.SECONDS.toNanos(drainSeconds);
        try {
            LOG.log(Level.INFO, "SIGTERM: draining {0} requests in flight (at most {1} s), refusing new ones",
                    new Object[]{stats.inFlight(), drainSeconds});
            while (stats.inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(SETTLE_MILLIS);
            LOG.log(Level.INFO, "Drained in {0} ms ({1} requests still in flight); stopping",
                    new Object[]{TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), stats.inFlight()});
            // Payara's own stop would now undeploy while its listener still takes requests (answering them 500);
            // instead, what Tollgate must not lose is handed over here and the process ends without that window:
            // clients see the connection close, which every client and load balancer retries.
            ledger.stop(); // first, should the rest hang on a database that is away: every event written or spilled
            admission.stop(); // unused leases back to the shared counters
            health.stop(); // health-check leadership to another replica
            usage.stop(); // the access lines still queued
            LOG.info("Ledger written, leases returned; exiting");
            Runtime.getRuntime().halt(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Draining failed; stopping now", e);
        } finally {
            System.exit(0); // only if the above failed: Payara's ordinary stop, and a SIGTERM still ends the process
        }
    }

    @PreDestroy
    synchronized void uninstall() {
        if (previous != null && !draining) {
            Signal.handle(TERM, previous); // undeployed without a signal (a redeploy): the JVM's handling again
        }
    }
}
