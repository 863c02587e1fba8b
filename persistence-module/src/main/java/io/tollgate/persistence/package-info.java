/**
 * Tollgate's state: JPA entities and the stores that read and write them, one package per feature.
 * Flyway (db-migrations) owns the schema; Hibernate only maps it. Nothing here runs on the request hot path:
 * the gateway reads through these stores into in-memory snapshots.
 */
package io.tollgate.persistence;
