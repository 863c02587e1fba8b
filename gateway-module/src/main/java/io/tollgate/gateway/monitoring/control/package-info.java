/**
 * The dashboard's figures from the ledger's events, and the alert thresholds they are held to.
 */
package io.tollgate.gateway.monitoring.control;
