/**
 * Metrics of finished calls (Prometheus through MicroProfile Metrics) and the access log.
 */
package io.tollgate.gateway.usage.control;
