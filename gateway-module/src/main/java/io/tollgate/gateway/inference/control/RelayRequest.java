package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.backends.control.SharedTransport;
import io.tollgate.gateway.relay.control.ClientStream;
import io.tollgate.gateway.relay.control.CompletionRelay;
import io.tollgate.gateway.relay.control.RelayEnded;
import io.tollgate.gateway.relay.control.RelayPlan;
import io.tollgate.gateway.routing.control.BackendStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Consumer;

/** Stage: the relay upstream and back, with fail-over across the route ({@link CompletionRelay}). */
@ApplicationScoped
public class RelayRequest {

    @Inject
    SharedTransport transport;
    @Inject
    BackendStats stats;

    public void apply(InferenceCall call, ClientStream client, Consumer<RelayEnded> ended) {
        ParsedRequest request = call.request();
        RelayPlan plan = new RelayPlan(request.endpoint().upstreamPath(), request.openAi(), request.client(),
                request.stream(), call.rotation(), call.dialect(), call::promptTokens, call.trace());
        new CompletionRelay(plan, client, transport.timer(), stats, call.startedNanos(), ended).start();
    }
}
