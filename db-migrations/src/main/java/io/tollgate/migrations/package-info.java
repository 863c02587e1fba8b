/**
 * Applies the Flyway migrations: at start of every replica, and from the command line.
 */
package io.tollgate.migrations;
