/**
 * The configuration snapshot the request path reads (keys, deployments) and how it follows PostgreSQL: reloaded
 * on local changes, on NOTIFY from other replicas, and by a periodic reconcile.
 */
package io.tollgate.gateway.config;
