package io.tollgate.admin.backends;

/** The answer to "test connection", in a few words: reachable and how fast, or why not. */
public record ConnectionTest(boolean ok, String summary) {

    public static ConnectionTest of(io.tollgate.gateway.routing.control.BackendHealth probe) {
        String latency = probe.latencyMs() == null ? "" : " in " + probe.latencyMs() + " ms";
        if (probe.healthy()) {
            return new ConnectionTest(true, "Reachable" + latency + (probe.waiting() == null ? ""
                    : " · " + probe.waiting() + " queued"));
        }
        return new ConnectionTest(false, "Failed" + latency + ": " + (probe.detail() == null ? "no answer"
                : probe.detail()));
    }
}
