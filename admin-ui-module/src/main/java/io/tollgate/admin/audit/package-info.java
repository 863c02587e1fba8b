/**
 * The audit log page: who changed what, when, and the change as before → after, filtered by actor, kind of thing
 * changed and time, paged lazily through the same selection the Audit Logs API makes.
 */
package io.tollgate.admin.audit;
