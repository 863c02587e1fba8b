/**
 * The ledger: one usage event per finished call, batched to PostgreSQL off the request path, spilled to disk while
 * the database is away, partitioned by day with a retention.
 */
package io.tollgate.gateway.ledger.control;
