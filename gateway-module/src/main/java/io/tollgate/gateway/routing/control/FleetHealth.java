package io.tollgate.gateway.routing.control;

import io.tollgate.gateway.settings.TollgateSettings;
import io.tollgate.gateway.backends.control.SharedTransport;
import io.tollgate.gateway.platform.CredentialCipher;
import io.tollgate.gateway.backends.control.UpstreamFailure;
import io.tollgate.gateway.platform.DirectConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fleet's shared view of backend health. One replica at a time — whichever holds a PostgreSQL advisory lock —
 * runs the active checks every {@code TOLLGATE_HEALTH_INTERVAL_MS} (default 5 s, each with a 5 s timeout) and writes
 * them to {@code backend_health}; every replica reads that table every second. The checks cost nothing: a
 * self-hosted (vLLM) backend's {@code /health} and {@code /metrics} (its queue and KV-cache use), a cloud API's
 * {@code /models} listing — never a completion. Staleness bound: interval + 1 s.
 */
@ApplicationScoped
public class FleetHealth {

    @Inject
    TollgateSettings settings;

    private static final Logger LOG = Logger.getLogger(FleetHealth.class.getName());
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** An engine's {@code /metrics} page is read whole; a larger one is a failed probe of its metrics only. */
    static final int PROBE_BODY_LIMIT = 4 * 1024 * 1024;
    private static final long LEADER_LOCK = 0x7011_6a7e_1ed6_0003L;

    @Inject
    SharedTransport transport;
    @Inject
    CredentialCipher cipher;
    @Inject
    BackendStats stats;
    @Inject
    @org.eclipse.microprofile.metrics.annotation.RegistryScope(scope = org.eclipse.microprofile.metrics.MetricRegistry.APPLICATION_SCOPE)
    org.eclipse.microprofile.metrics.MetricRegistry metrics;
    private final java.util.Set<String> metered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile Map<String, BackendHealth> current = Map.of();
    private ScheduledExecutorService schedule;
    private DirectConnection checker;
    private DirectConnection reader;
    private boolean leader;

    public BackendHealth of(String backendId) {
        BackendHealth h = current.get(backendId);
        return h != null ? h : BackendHealth.unknown(backendId);
    }

    public Map<String, BackendHealth> all() {
        return current;
    }

    public synchronized void start() {
        if (schedule != null) {
            return;
        }
        long interval = settings.health().checkInterval().toMillis();
        checker = DirectConnection.to(settings.database(), "tollgate-health-checker", 10);
        reader = DirectConnection.to(settings.database(), "tollgate-health-reader", 5);
        // Virtual: the rounds wait on JDBC and on the probes' futures.
        schedule = Executors.newScheduledThreadPool(2, Thread.ofVirtual().name("tollgate-health-", 0).factory());
        schedule.scheduleWithFixedDelay(this::checkIfLeader, 0, interval, TimeUnit.MILLISECONDS);
        schedule.scheduleWithFixedDelay(this::read, 0, 1000, TimeUnit.MILLISECONDS);
    }

    private void read() {
        try (PreparedStatement st = reader.get().prepareStatement(
                "select backend_id, healthy, checked_at, latency_ms, waiting, cache_usage, detail from backend_health");
             ResultSet rs = st.executeQuery()) {
            List<BackendHealth> seen = new ArrayList<>();
            while (rs.next()) {
                seen.add(new BackendHealth(rs.getString(1), rs.getBoolean(2), rs.getTimestamp(3).toInstant(),
                        (Integer) rs.getObject(4), (Integer) rs.getObject(5), (Double) rs.getObject(6), rs.getString(7)));
            }
            update(seen);
        } catch (SQLException | RuntimeException e) {
            // Keep the last view: a database outage must not make every backend look unhealthy.
            reader.close();
        }
    }

    /** Takes the fleet's latest checks; a newly passed check ends a passive ejection at once. */
    void update(List<BackendHealth> checks) {
        Map<String, BackendHealth> seen = new HashMap<>();
        for (BackendHealth h : checks) {
            seen.put(h.backendId(), h);
            if (metrics != null && metered.add(h.backendId())) {
                var tag = new org.eclipse.microprofile.metrics.Tag("backend", h.backendId());
                metrics.gauge("tollgate_backend_healthy", this, f -> f.of(h.backendId()).healthy() ? 1 : 0, tag);
                metrics.gauge("tollgate_backend_ejected", stats, s -> s.ejected(h.backendId()) ? 1 : 0, tag);
                metrics.gauge("tollgate_backend_ejections", stats, s -> s.ejections(h.backendId()), tag);
                metrics.gauge("tollgate_backend_outstanding", stats, s -> s.outstanding(h.backendId()), tag);
            }
            BackendHealth before = current.get(h.backendId());
            if (h.healthy() && (before == null || h.checkedAt().isAfter(before.checkedAt()))) {
                stats.passedCheck(h.backendId());
            }
        }
        current = Map.copyOf(seen);
    }

    private void checkIfLeader() {
        try {
            Connection c = checker.get();
            if (!leader) {
                try (PreparedStatement st = c.prepareStatement("select pg_try_advisory_lock(?)")) {
                    st.setLong(1, LEADER_LOCK);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        leader = rs.getBoolean(1); // held by this session until it ends
                    }
                }
                if (!leader) {
                    return;
                }
                LOG.info("Health checks: this replica runs them for the fleet");
            }
            List<Target> targets = targets(c);
            List<CompletableFuture<BackendHealth>> probes = new ArrayList<>();
            for (Target t : targets) {
                probes.add(probe(t));
            }
            try (PreparedStatement st = c.prepareStatement("""
                    insert into backend_health (backend_id, healthy, checked_at, latency_ms, waiting, cache_usage, detail)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (backend_id) do update set healthy = excluded.healthy, checked_at = excluded.checked_at,
                        latency_ms = excluded.latency_ms, waiting = excluded.waiting,
                        cache_usage = excluded.cache_usage, detail = excluded.detail""")) {
                for (CompletableFuture<BackendHealth> probe : probes) {
                    BackendHealth h = probe.join();
                    st.setString(1, h.backendId());
                    st.setBoolean(2, h.healthy());
                    st.setTimestamp(3, Timestamp.from(h.checkedAt()));
                    st.setObject(4, h.latencyMs());
                    st.setObject(5, h.waiting());
                    st.setObject(6, h.cacheUsage());
                    st.setString(7, h.detail());
                    st.addBatch();
                }
                st.executeBatch();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Health checks skipped this round", e);
            leader = false; // the lock went with the session
            checker.close();
        }
    }

    /**
     * Probes one backend now, exactly as the fleet's checks do (a self-hosted engine's /health and /metrics, a cloud
     * API's /models, never a completion), for the portal's "test connection"; the result is not stored.
     */
    public BackendHealth probeNow(String id, String kind, String baseUrl, String apiKey, boolean selfHosted) {
        return probe(new Target(id, kind, baseUrl, apiKey, selfHosted)).join();
    }

    /** What to probe about one backend. */
    record Target(String id, String kind, String baseUrl, String apiKey, boolean selfHosted) {
    }

    private List<Target> targets(Connection c) throws SQLException {
        List<Target> targets = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "select id, kind, base_url, api_key_encrypted, tier from backends where enabled");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String encrypted = rs.getString(4);
                String key = null;
                if (encrypted != null) {
                    try {
                        key = cipher.decrypt(encrypted);
                    } catch (RuntimeException e) {
                        key = null; // probed without a key; an auth failure still shows it is up
                    }
                }
                targets.add(new Target(rs.getString(1), rs.getString(2), rs.getString(3), key,
                        "self_hosted".equals(rs.getString(5))));
            }
        }
        return targets;
    }

    private CompletableFuture<BackendHealth> probe(Target t) {
        Instant started = Instant.now();
        if ("simulator".equals(t.kind()) || t.baseUrl() == null) {
            return CompletableFuture.completedFuture(new BackendHealth(t.id(), true, started, 0, null, null,
                    "built in"));
        }
        HttpClient http = transport.http(PROBE_TIMEOUT);
        String base = t.baseUrl().replaceAll("/+$", "");
        if (t.selfHosted()) {
            String root = base.replaceAll("/v1$", "");
            var health = status(http, root + "/health", t);
            var metrics = new CompletableResponseListener(get(http, root + "/metrics", t), PROBE_BODY_LIMIT).send()
                    .exceptionally(e -> null);
            return health.thenCombine(metrics, (h, m) -> {
                int latency = (int) Duration.between(started, Instant.now()).toMillis();
                boolean ok = h == 200;
                EngineMetrics engine = m != null && m.getStatus() == 200 ? EngineMetrics.parse(m.getContentAsString())
                        : null;
                return new BackendHealth(t.id(), ok, Instant.now(), latency, engine == null ? null : engine.waiting(),
                        engine == null ? null : engine.cacheUsage(), ok ? "ok" : "/health answered " + h);
            }).exceptionally(e -> down(t, started, e));
        }
        return status(http, base + "/models", t).thenApply(status -> {
            int latency = (int) Duration.between(started, Instant.now()).toMillis();
            // Reachable and answering: a 401/403 is a credential problem (reported by requests), not an outage.
            boolean ok = status < 500 && status != 429;
            return new BackendHealth(t.id(), ok, Instant.now(), latency, null, null,
                    ok ? "ok" : "/models answered " + status);
        }).exceptionally(e -> down(t, started, e));
    }

    /**
     * The status of a GET, known at its status line: the body, whatever its length (a long stream from a server that
     * answers every path with one), is not the probe's business and is left to the request's timeout.
     */
    private static CompletableFuture<Integer> status(HttpClient http, String url, Target t) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        get(http, url, t).onResponseHeaders(response -> status.complete(response.getStatus()))
                .send(result -> {
                    if (result.isFailed()) {
                        status.completeExceptionally(result.getFailure());
                    }
                });
        return status;
    }

    private static BackendHealth down(Target t, Instant started, Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new BackendHealth(t.id(), false, Instant.now(), (int) Duration.between(started, Instant.now()).toMillis(),
                null, null, UpstreamFailure.inWords(cause, PROBE_TIMEOUT));
    }

    private static Request get(HttpClient http, String url, Target t) {
        Request request = http.newRequest(url).method(HttpMethod.GET)
                .timeout(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (t.apiKey() != null) {
            request.headers(h -> {
                if ("anthropic".equals(t.kind())) {
                    h.put("x-api-key", t.apiKey()).put("anthropic-version", "2023-06-01");
                } else {
                    h.put("Authorization", "Bearer " + t.apiKey());
                }
            });
        }
        return request;
    }

    @PreDestroy
    public synchronized void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
            checker.close(); // releases the leadership for another replica
            reader.close();
        }
    }
}
