/**
 * The monitoring dashboard: per model and per backend rates, latencies, errors, queue, health and spend for the last
 * hour or day, read from PostgreSQL (so it is the whole fleet's), drawn as server-side SVG with the alert thresholds,
 * and pushed to the browser as it changes.
 */
package io.tollgate.admin.monitoring;
