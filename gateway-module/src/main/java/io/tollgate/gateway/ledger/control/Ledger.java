package io.tollgate.gateway.ledger.control;

import jakarta.inject.Inject;
import io.tollgate.gateway.settings.TollgateSettings;
import io.tollgate.gateway.platform.DirectConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The replica's usage ledger: started once the schema is in place, drained on shutdown (the queue is written, or
 * spilled to {@code TOLLGATE_SPILL_DIR} for the next start to replay, before the application stops).
 */
@ApplicationScoped
public class Ledger {

    @Inject
    TollgateSettings settings;

    private static final Logger LOG = Logger.getLogger(Ledger.class.getName());

    @jakarta.inject.Inject
    @org.eclipse.microprofile.metrics.annotation.RegistryScope(scope = org.eclipse.microprofile.metrics.MetricRegistry.APPLICATION_SCOPE)
    org.eclipse.microprofile.metrics.MetricRegistry metrics;
    private volatile LedgerWriter writer;
    private volatile Path spillDirectory;
    private Thread drainOnExit;

    public synchronized void start() {
        if (writer != null) {
            return;
        }
        TollgateSettings.Ledger ledger = settings.ledger();
        Path spill = ledger.spillDirectory();
        LedgerWriter started = new LedgerWriter(DirectConnection.to(settings.database(), "tollgate-ledger", 30), spill,
                Clock.systemUTC(), ledger.queueCapacity(), ledger.retentionDays());
        started.start();
        spillDirectory = spill;
        writer = started;
        // SIGTERM may stop Payara without destroying this bean: drain the queue from a shutdown hook as well.
        drainOnExit = new Thread(this::stop, "tollgate-ledger-drain");
        Runtime.getRuntime().addShutdownHook(drainOnExit);
        // The ledger's write load and backlog, for the figures and the alerts.
        metrics.gauge("tollgate_ledger_statements", this, l -> l.counts().statements());
        metrics.gauge("tollgate_ledger_events_written", this, l -> l.counts().written());
        metrics.gauge("tollgate_ledger_events_spilled", this, l -> l.counts().spilled());
        metrics.gauge("tollgate_ledger_queue_depth", this, l -> l.counts().queued());
        metrics.gauge("tollgate_ledger_lag_seconds", this, l -> {
            LedgerWriter w = l.writer;
            return w == null ? 0 : w.lagSeconds();
        });
        LOG.info("Usage ledger: writing in batches; spill directory " + spill + ", partitions kept " + ledger.retentionDays()
                + " days");
    }

    /** Hands the event to the writer; never waits for the database. */
    public void record(UsageEvent event) {
        LedgerWriter w = writer;
        if (w != null) {
            w.record(event);
        } else if (spillDirectory != null) {
            // A request that finished after shutdown began: straight to a file of its own, replayed at next start.
            try (SpillFile late = new SpillFile(spillDirectory)) {
                late.append(java.util.List.of(event));
            }
        } else {
            // Only before start-up completes, when no key can be authenticated yet: nothing billable reaches here.
            LOG.warning("Usage event before the ledger started: " + event.id());
        }
    }

    public LedgerWriter.Counts counts() {
        LedgerWriter w = writer;
        return w == null ? new LedgerWriter.Counts(0, 0, 0, 0) : w.counts();
    }

    @PreDestroy
    public synchronized void stop() {
        LedgerWriter closing = writer;
        if (closing != null) {
            writer = null; // from now on, late events go straight to a spill file of their own
            closing.close();
            LOG.info("Usage ledger: drained");
        }
        if (drainOnExit != null && Thread.currentThread() != drainOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(drainOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it finds nothing left to drain
            }
        }
    }
}
