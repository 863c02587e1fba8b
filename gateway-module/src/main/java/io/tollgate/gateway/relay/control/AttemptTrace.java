package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;

import java.util.Map;

/**
 * What a relay tells tracing about its upstream attempts: each one is a CLIENT span whose context goes upstream in
 * its headers, so a fail-over shows as two. {@link #NONE} when the call is not traced.
 */
public interface AttemptTrace {

    AttemptTrace NONE = (deployment, n) -> Attempt.NONE;

    /** Attempt {@code n} (from 0) to this deployment begins. */
    Attempt begin(Deployment deployment, int n);

    /** One attempt, ended once. */
    interface Attempt {

        Attempt NONE = new Attempt() {
        };

        /** The trace context for the upstream request ({@code traceparent}, {@code tracestate}). */
        default Map<String, String> headers() {
            return Map.of();
        }

        /** The backend answered with this HTTP status. */
        default void answered(int status) {
        }

        /** No answer: the failure's kind (refused, connect timeout, …). */
        default void failed(String errorType) {
        }

        default void end() {
        }
    }
}
