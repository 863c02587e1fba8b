package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.admission.control.Reservation;
import io.tollgate.gateway.backends.control.Price;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.tokens.Usage;

/**
 * What one inference call came to, told once to every listener (settlement, ledger, metrics, access log) when it
 * ends: answered, failed, or abandoned by its client (status 499, with the usage generated until then).
 *
 * @param endpoint    the ledger's endpoint label: {@code completions} or {@code embeddings}
 * @param answering   the deployment whose answer the client got, or null when none answered
 * @param usage       null when no backend answered (nothing was generated)
 * @param costNanoUsd the usage at the answering backend's price in force ({@code price})
 * @param reservation what the call held of its project's limits, to be settled on the usage
 * @param firstByteNanos  when the answering backend's status line came (0: none answered)
 * @param firstTokenNanos when the first chunk carrying content (text, a tool call, a refusal) came; for an answer
 *                        that is not a stream, or a stream with no content, its first byte
 * @param attempts    exchanges started upstream (more than 1: it failed over)
 * @param traceId     the call's OpenTelemetry trace id, or empty when it was not traced
 */
public record CallFinished(String requestId, String projectId, String keyId, String model, String endpoint,
                           Deployment answering, int status, boolean streamed, boolean clientDisconnected, Usage usage,
                           Price price, long costNanoUsd, long latencyNanos, long firstByteNanos, long firstTokenNanos,
                           Reservation reservation, int attempts, String traceId) {

    /** The answering backend's name, or null. */
    public String backend() {
        return answering == null ? null : answering.backendName();
    }
}
