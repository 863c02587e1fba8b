package io.tollgate.gateway.usage.control;

import io.tollgate.gateway.settings.TollgateSettings;
import io.tollgate.gateway.inference.control.CallFinished;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import java.util.logging.Logger;

/**
 * Counts what every request cost and how long it took, as the seed article's metrics name them —
 * {@code llm_requests_total{model,status}}, {@code llm_request_latency_seconds{model}} (a histogram with explicit
 * buckets), {@code llm_tokens_total{type}} — plus time to first token, inter-token latency and the backends' own time to
 * first byte; and writes one structured access-log line per request. Labels stay bounded: models and backends are the
 * configured ones, statuses a handful, no key or project ids in metrics.
 */
@ApplicationScoped
public class UsageMeter {

    private static final Logger ACCESS = Logger.getLogger("tollgate.access");
    static final double[] LATENCY_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};
    static final double[] TOKEN_GAP_BUCKETS = {0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1};

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    io.tollgate.gateway.routing.control.BackendStats backends;

    /** Where access lines go: stdout (batched, off the request threads), log (java.util.logging), or off. */
    @Inject
    TollgateSettings settings;

    /** Set once at construction: stdout's writer, or null with {@link #logAccess} saying whether to use the logger. */
    private AccessLog accessLog;
    private boolean logAccess;

    private SecondsHistogram latency;
    private SecondsHistogram firstToken;
    private SecondsHistogram tokenGap;
    private SecondsHistogram upstreamFirstByte;

    @PostConstruct
    void histograms() {
        String accessLogTarget = settings.accessLog().target();
        switch (accessLogTarget.toLowerCase(java.util.Locale.ROOT)) {
            case "log" -> logAccess = true;
            case "off" -> logAccess = false;
            default -> {
                if (!"stdout".equalsIgnoreCase(accessLogTarget)) {
                    Logger.getLogger(UsageMeter.class.getName()).warning("TOLLGATE_ACCESS_LOG=" + accessLogTarget
                            + " is not stdout, log or off; writing access lines to stdout");
                }
                // The process's own stdout, not System.out: the server routes that through its log handler.
                accessLog = new AccessLog(new java.io.BufferedOutputStream(
                        new java.io.FileOutputStream(java.io.FileDescriptor.out), 64 * 1024), 65_536);
            }
        }
        latency = new SecondsHistogram(registry, "llm_request_latency_seconds", "model", LATENCY_BUCKETS);
        firstToken = new SecondsHistogram(registry, "llm_time_to_first_token_seconds", "model", LATENCY_BUCKETS);
        tokenGap = new SecondsHistogram(registry, "llm_inter_token_latency_seconds", "model", TOKEN_GAP_BUCKETS);
        upstreamFirstByte = new SecondsHistogram(registry, "tollgate_upstream_first_byte_seconds", "backend",
                LATENCY_BUCKETS);
    }

    /**
     * Called at startup, on a container thread. Most requests end on an upstream client thread, which has no
     * application context; Payara's registry producer needs one, so a meter first created there fails to exist.
     */
    public void start() {
        // The gateway HPA's metrics: requests through this replica, and those still waiting for a first byte.
        registry.gauge("tollgate_requests_in_flight", backends,
                io.tollgate.gateway.routing.control.BackendStats::inFlight);
        registry.gauge("tollgate_requests_queued", backends, io.tollgate.gateway.routing.control.BackendStats::queued);
        if (accessLog != null) {
            registry.gauge("tollgate_access_log_dropped_lines", accessLog, AccessLog::dropped);
        }
    }

    /** Writes the access lines still queued (shutdown). */
    @jakarta.annotation.PreDestroy
    public void stop() {
        if (accessLog != null) {
            accessLog.stop(2_000);
        }
    }

    /** Listener: once per request that reached the relay. */
    void record(@Observes CallFinished finished) {
        registry.counter("llm_requests", new Tag("model", finished.model()),
                new Tag("status", Integer.toString(finished.status()))).inc();
        latency.observe(finished.model(), finished.latencyNanos() / 1e9);
        if (finished.firstByteNanos() > 0) {
            firstToken.observe(finished.model(), finished.firstTokenNanos() / 1e9);
            if (finished.backend() != null) {
                upstreamFirstByte.observe(finished.backend(), finished.firstByteNanos() / 1e9);
            }
        }
        if (finished.usage() != null) {
            registry.counter("llm_tokens", new Tag("type", "input")).inc(finished.usage().promptTokens());
            registry.counter("llm_tokens", new Tag("type", "output")).inc(finished.usage().completionTokens());
            int completion = finished.usage().completionTokens();
            if (finished.streamed() && completion > 1 && finished.firstTokenNanos() > 0) {
                tokenGap.observe(finished.model(),
                        (finished.latencyNanos() - finished.firstTokenNanos()) / 1e9 / (completion - 1));
            }
        }
        access(finished);
    }

    /** One JSON line per request: who, what, where, how it ended — never keys, prompts or completions. */
    private void access(CallFinished f) {
        AccessLog log = accessLog;
        if (log != null) {
            log.offer(accessLine(f));
        } else if (logAccess && ACCESS.isLoggable(java.util.logging.Level.INFO)) {
            ACCESS.info(accessLine(f));
        }
    }

    /**
     * The access line, written by hand: built with JSON-P it was a tenth of the gateway's CPU under load (JFR).
     * The request id and the model come from the client, so every string is escaped.
     */
    static String accessLine(CallFinished f) {
        StringBuilder line = new StringBuilder(360).append("{\"time\":\"").append(java.time.Instant.now())
                .append("\",\"event\":\"request\"");
        string(line, "request_id", f.requestId());
        string(line, "project_id", f.projectId());
        string(line, "api_key_id", f.keyId());
        string(line, "model", f.model());
        string(line, "backend", f.backend());
        if (!f.traceId().isEmpty()) {
            string(line, "trace_id", f.traceId()); // a log line leads to its trace
        }
        line.append(",\"status\":").append(f.status())
                .append(",\"latency_ms\":").append(f.latencyNanos() / 1_000_000)
                .append(",\"ttft_ms\":").append(f.firstTokenNanos() / 1_000_000)
                .append(",\"streamed\":").append(f.streamed())
                .append(",\"client_disconnected\":").append(f.clientDisconnected())
                .append(",\"attempts\":").append(f.attempts());
        if (f.usage() != null) {
            line.append(",\"prompt_tokens\":").append(f.usage().promptTokens())
                    .append(",\"completion_tokens\":").append(f.usage().completionTokens())
                    .append(",\"usage_estimated\":").append(f.usage().estimated());
        }
        return line.append('}').toString();
    }

    private static void string(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":\"");
        String v = value == null ? "" : value;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    /** An admission refusal, by reason (requests, tokens, quota, spend, concurrency, outage). */
    public void rejected(String reason) {
        registry.counter("tollgate_admission_rejections", new Tag("reason", reason)).inc();
    }
}
