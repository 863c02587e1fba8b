package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.tokens.Usage;

/**
 * How a relay ended, told once: answered, failed, or abandoned by its client (status 499, with the usage generated
 * until then).
 *
 * @param answering the deployment whose answer the client got, or null when none answered
 * @param usage     null when no backend answered (nothing was generated)
 * @param attempts  how many exchanges were started (1 when the first deployment answered)
 */
public record RelayEnded(Deployment answering, int status, boolean clientDisconnected, Usage usage,
                         long latencyNanos, long firstByteNanos, long firstTokenNanos, int attempts) {

    /** What nginx and others log for a client that closed the connection before the answer was complete. */
    public static final int CLIENT_CLOSED = 499;
}
