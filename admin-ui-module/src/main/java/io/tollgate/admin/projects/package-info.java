/**
 * Projects (tenants) in the portal: the list with a name filter, creating and archiving, and each project's page with
 * its limits, spend limit, per-model rate limits, service accounts and API keys. Everything goes through the
 * gateway's {@code ProjectsFacade} and {@code LimitsFacade}, as the admin API does; a new key is shown once.
 */
package io.tollgate.admin.projects;
