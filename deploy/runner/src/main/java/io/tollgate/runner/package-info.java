/**
 * The local runner behind {@code ./tollgate run}: it starts an embedded PostgreSQL (or uses the one named by
 * TOLLGATE_DB_URL), prepares the secrets a first start needs, and runs tollgate.war on Payara Micro as a child process.
 * It is a developer convenience, plain Java with no framework; production runs the same WAR in a container.
 */
package io.tollgate.runner;
