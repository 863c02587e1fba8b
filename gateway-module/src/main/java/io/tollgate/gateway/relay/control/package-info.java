/**
 * The relay: a request upstream and its answer back to the client. CompletionRelay makes the attempts;
 * FailoverPolicy (pure) decides after each; ShapingSubscriber and ResponseShaper shape the answer; ClientStream
 * writes it without blocking to a ClientConnection; RelayWatch holds it to the backend's timeouts.
 */
package io.tollgate.gateway.relay.control;
