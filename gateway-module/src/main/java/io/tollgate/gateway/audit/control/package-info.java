/**
 * Recording an admin change with its actor, in the change's own transaction.
 */
package io.tollgate.gateway.audit.control;
