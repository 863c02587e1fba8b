package io.tollgate.gateway.monitoring.entity;

/**
 * The alert thresholds of deploy/monitoring/tollgate-alerts.yaml, which the dashboard draws and highlights when
 * breached: P50 latency above 500 ms, P99 above 5 s, error rate (5xx share) above 1 %, queue depth above 100, GPU
 * memory above 90 % (on a self-hosted backend, its KV-cache use as its engine reports it).
 */
public final class Thresholds {

    public static final double P50_MS = 500;
    public static final double P99_MS = 5_000;
    public static final double ERROR_RATE = 0.01;
    public static final double QUEUE_DEPTH = 100;
    public static final double GPU_MEMORY = 0.90;

    private Thresholds() {
    }

    /** Above the threshold (a missing figure breaches nothing). */
    public static boolean breached(Double value, double threshold) {
        return value != null && value > threshold;
    }
}
