/**
 * The fleet at a glance for the portal's dashboard: per model and per backend request rate, latency percentiles,
 * time to first token, error rate and token rate from the ledger's events, spend per project from its hourly
 * rollups, health and queue from the shared health table — all PostgreSQL, so every replica shows the same fleet —
 * measured against the alert thresholds the monitoring rules use.
 */
package io.tollgate.gateway.monitoring;
