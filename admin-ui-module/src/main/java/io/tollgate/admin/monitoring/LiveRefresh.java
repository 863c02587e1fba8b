package io.tollgate.admin.monitoring;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a page's refresh every few seconds on a server thread and pushes the result to its browser (the portal's
 * shell enables server push). One small scheduler for every open page; each refresh holds its UI's session lock
 * only while it updates components.
 */
@ApplicationScoped
public class LiveRefresh {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("tollgate-portal-refresh").factory());

    /** Until the registration is removed (on detach), runs {@code refresh} in {@code ui} every {@code period}. */
    public Registration every(Duration period, UI ui, Command refresh) {
        ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                ui.access(refresh);
            } catch (RuntimeException detached) {
                // The UI went away between two runs: its detach listener cancels this task.
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
