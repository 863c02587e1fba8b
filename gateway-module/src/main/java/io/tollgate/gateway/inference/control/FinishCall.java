package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.backends.control.Price;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.relay.control.RelayEnded;
import io.tollgate.gateway.tokens.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Stage: the call's outcome as one {@link CallFinished}, costed at the answering backend's price in force, handed
 * to every listener ({@code @Observes CallFinished}: settlement, the ledger, metrics and the access log).
 */
@ApplicationScoped
public class FinishCall {

    @Inject
    Event<CallFinished> listeners;

    public void apply(InferenceCall call, RelayEnded ended) {
        CallFinished finished = finished(call, ended);
        call.ended(finished);
        call.trace().finished(finished.status(), finished.backend(), finished.answering() == null ? null
                : finished.answering().upstreamModel(), finished.usage(), finished.firstTokenNanos(),
                finished.attempts());
        listeners.fire(finished);
    }

    static CallFinished finished(InferenceCall call, RelayEnded ended) {
        Usage used = ended.usage();
        Deployment answering = ended.answering();
        Price price = answering == null || answering.price() == null ? Price.FREE : answering.price();
        long cost = used == null ? 0 : price.nanoUsd(used.promptTokens(), used.cachedPromptTokens(),
                used.completionTokens());
        ParsedRequest request = call.request();
        String endpoint = request.endpoint() == InferenceEndpoint.EMBEDDINGS ? "embeddings" : "completions";
        return new CallFinished(call.requestId(), call.caller().projectId(), call.caller().keyId(),
                request.openAi().getString("model", ""), endpoint, answering, ended.status(), request.stream(),
                ended.clientDisconnected(), used, price, cost, ended.latencyNanos(), ended.firstByteNanos(),
                ended.firstTokenNanos(),
                call.reservation(), ended.attempts(), call.trace().traceId());
    }
}
