package io.tollgate.runner;

import sun.misc.Signal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops what the runner started, exactly once, whichever comes first: Ctrl-C, SIGTERM, a failed start or JVM exit.
 * Order matters: the server drains and flushes usage into the database, so it stops before PostgreSQL does. The
 * signals are handled here rather than left to shutdown hooks because shutdown hooks run concurrently, and zonky
 * registers its own that would stop PostgreSQL while Payara is still draining.
 */
final class StopSequence {

    static final long SERVER_GRACE_SECONDS = 20;

    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile boolean requested;
    private volatile PayaraProcess server;
    private EmbeddedDatabase database;
    private boolean done;

    interface Starter<T> {
        T start() throws IOException;
    }

    /** Signals to stop on, plus a shutdown hook for every other way the JVM may end. */
    void install() {
        for (String name : List.of("INT", "TERM", "HUP")) {
            try {
                Signal.handle(new Signal(name), this::onSignal);
            } catch (IllegalArgumentException unavailable) {
                // This JVM cannot take the signal over; the shutdown hook still stops everything, only unordered.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "tollgate-stop"));
    }

    boolean isRequested() {
        return requested;
    }

    /** Starts under the lock, so a signal arriving mid-start waits for the component and then stops it too. */
    synchronized EmbeddedDatabase startDatabase(Starter<EmbeddedDatabase> starter) throws IOException {
        refuseWhenStopping();
        database = starter.start();
        return database;
    }

    synchronized PayaraProcess startServer(Starter<PayaraProcess> starter) throws IOException {
        refuseWhenStopping();
        server = starter.start();
        return server;
    }

    synchronized void stop() {
        requested = true;
        if (done) {
            return;
        }
        done = true;
        PayaraProcess running = server;
        if (running != null && running.isAlive()) {
            System.out.println("Stopping Tollgate…");
            try {
                running.stop(SERVER_GRACE_SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not stop PostgreSQL cleanly: " + e.getMessage());
            }
        }
        if (running != null || database != null) {
            System.out.println("Stopped.");
        }
    }

    private void onSignal(Signal signal) {
        if (!signalled.compareAndSet(false, true)) {
            // A second Ctrl-C means "now": the first one is still waiting for Payara to drain.
            forceStop();
            return;
        }
        requested = true; // before taking the lock, so a thread busy starting something gives up right after
        stop();
        System.exit(128 + signal.getNumber());
    }

    private void forceStop() {
        PayaraProcess running = server;
        if (running != null && running.isAlive()) {
            System.out.println("Killing Payara…");
            try {
                running.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void refuseWhenStopping() {
        if (requested) {
            throw new StopRequested();
        }
    }

    /** Thrown to the starting thread when a stop was requested before it could start the next component. */
    static final class StopRequested extends RuntimeException {
        StopRequested() {
            super("stop requested", null, false, false);
        }
    }
}
