/**
 * MicroProfile Health checks: live while the JVM answers; ready once migrations ran and PostgreSQL answers.
 */
package io.tollgate.gateway.health;
