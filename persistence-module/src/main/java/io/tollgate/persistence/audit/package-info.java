/**
 * Audit log entries.
 */
package io.tollgate.persistence.audit;
