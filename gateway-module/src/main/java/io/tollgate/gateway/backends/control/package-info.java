/**
 * Talking to upstreams: one backend client per kind behind BackendClient, Jetty's shared HTTP client, the timeouts,
 * how an unanswered exchange failed (UpstreamFailure), prices and GPU cost.
 */
package io.tollgate.gateway.backends.control;
