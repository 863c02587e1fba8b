/**
 * The configuration snapshot the request path reads, loaded from PostgreSQL and followed through NOTIFY and a
 * periodic reconcile.
 */
package io.tollgate.gateway.config.control;
