package io.tollgate.gateway.completion.control;

/**
 * One request's outcome, reported once however it ended: answered, failed, or abandoned by its client (status 499,
 * with the usage generated until then). The usage ledger and the metrics take it from here.
 *
 * @param usage null when no backend answered (nothing was generated)
 */
public record CompletionFinished(String projectId, String keyId, String model, String backend, int status,
                                 boolean streamed, boolean clientDisconnected, Usage usage, long latencyNanos,
                                 long firstByteNanos) {

    /** What nginx and others log for a client that closed the connection before the answer was complete. */
    public static final int CLIENT_CLOSED = 499;
}
