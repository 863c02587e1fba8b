/**
 * The audit log: every admin change — through the admin API or the portal — recorded with its actor in the same
 * transaction as the change, and read through OpenAI's Audit Logs API shape.
 */
package io.tollgate.gateway.audit;
