/**
 * The facade the portal's dashboard calls.
 */
package io.tollgate.gateway.monitoring.boundary;
