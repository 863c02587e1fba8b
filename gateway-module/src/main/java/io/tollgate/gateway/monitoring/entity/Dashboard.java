package io.tollgate.gateway.monitoring.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the dashboard shows for one window, as read at {@code readAt}. */
public record Dashboard(Window window, Instant readAt, List<Stats> models, List<Stats> backends,
                        List<Health> health, List<Spend> spend, List<Point> series) {

    /** The windows the dashboard offers, each with the width of its time-series buckets. */
    public enum Window {
        LAST_HOUR("Last hour", Duration.ofHours(1), Duration.ofMinutes(1)),
        LAST_DAY("Last day", Duration.ofDays(1), Duration.ofHours(1));

        private final String label;
        private final Duration length;
        private final Duration bucket;

        Window(String label, Duration length, Duration bucket) {
            this.label = label;
            this.length = length;
            this.bucket = bucket;
        }

        public String label() {
            return label;
        }

        public Duration length() {
            return length;
        }

        public Duration bucket() {
            return bucket;
        }
    }

    /**
     * One model's or backend's requests in the window. Errors are answers with a 5xx status (the gateway's or the
     * upstream's), as the error-rate alert counts them; latencies are null when there were no requests.
     */
    public record Stats(String key, String label, long requests, long errors, Double p50Ms, Double p99Ms,
                        Double ttftP50Ms, long completionTokens, long seconds) {

        public double requestsPerSecond() {
            return seconds <= 0 ? 0 : (double) requests / seconds;
        }

        public Double errorRate() {
            return requests == 0 ? null : (double) errors / requests;
        }

        public double tokensPerSecond() {
            return seconds <= 0 ? 0 : (double) completionTokens / seconds;
        }

        public boolean p50Breached() {
            return Thresholds.breached(p50Ms, Thresholds.P50_MS);
        }

        public boolean p99Breached() {
            return Thresholds.breached(p99Ms, Thresholds.P99_MS);
        }

        public boolean errorRateBreached() {
            return Thresholds.breached(errorRate(), Thresholds.ERROR_RATE);
        }
    }

    /** A backend's last shared health check ({@code backend_health}); null fields: not checked or not reported. */
    public record Health(String backendId, String name, Boolean healthy, Instant checkedAt, Integer queueDepth,
                         Double gpuMemory, String detail) {

        public boolean queueBreached() {
            return Thresholds.breached(queueDepth == null ? null : queueDepth.doubleValue(), Thresholds.QUEUE_DEPTH);
        }

        public boolean gpuMemoryBreached() {
            return Thresholds.breached(gpuMemory, Thresholds.GPU_MEMORY);
        }
    }

    /** A project's billed cost in the window's hourly rollups. */
    public record Spend(String projectId, String name, long costNanoUsd) {
    }

    /** One time bucket across the fleet. */
    public record Point(Instant start, long requests, long errors, Double p99Ms) {
    }

    /** Whether any threshold is breached anywhere: the dashboard's one-line answer. */
    public boolean anyBreach() {
        return models.stream().anyMatch(s -> s.p50Breached() || s.p99Breached() || s.errorRateBreached())
                || backends.stream().anyMatch(s -> s.p50Breached() || s.p99Breached() || s.errorRateBreached())
                || health.stream().anyMatch(h -> h.queueBreached() || h.gpuMemoryBreached());
    }
}
