/**
 * The relay core: attempts with fail-over, response shaping and non-blocking client writes with backpressure,
 * behind a client-connection port so that it is tested without a server.
 */
package io.tollgate.gateway.relay;
