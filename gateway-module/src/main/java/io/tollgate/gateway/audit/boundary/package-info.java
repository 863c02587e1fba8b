/**
 * The audit log read through OpenAI's Audit Logs API shape, and the facade the portal's audit view calls.
 */
package io.tollgate.gateway.audit.boundary;
