/**
 * What only the WAR has: its data source.
 */
package io.tollgate.app;
