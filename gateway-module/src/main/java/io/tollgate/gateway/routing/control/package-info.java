/**
 * Which deployment of a model gets a request: the strategies, load and latency statistics, outlier ejection, and
 * active health checks.
 */
package io.tollgate.gateway.routing.control;
