package io.tollgate.gateway.bootstrap;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * How far this replica's start has come, for the readiness check. A plain CDI bean rather than a question to the
 * {@link Startup} EJB: Payara 7 serves health checks while the EJB container is still initialising, and an EJB call
 * then fails instead of answering "not ready".
 */
@ApplicationScoped
public class StartupState {

    private volatile boolean ready;
    private volatile String lastFailure;

    void started() {
        lastFailure = null;
        ready = true;
    }

    void failed(String failure) {
        lastFailure = failure.length() > 200 ? failure.substring(0, 200) + "…" : failure;
    }

    /** Migrations applied, first start seeded, routing snapshot loaded. */
    public boolean isReady() {
        return ready;
    }

    /** Why the last attempt to start failed, or empty while none has. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}
