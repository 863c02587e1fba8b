/**
 * Bringing a replica up: schema migrations, the first-start seed (admin user, admin key, demo project), the first
 * snapshot, retried on a timer while PostgreSQL is not reachable.
 */
package io.tollgate.gateway.bootstrap;
