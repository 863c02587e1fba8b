/**
 * Routing: which deployment of a public model gets a request — strategies behind one interface (round robin,
 * weighted, least outstanding, peak-EWMA with power of two choices, queue-aware, and the seed's hybrid priority),
 * the fleet's shared active health checks, per-replica passive outlier ejection, drain, and their admin API.
 */
package io.tollgate.gateway.routing;
