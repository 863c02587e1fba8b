package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.dialect.ClientDialect;
import jakarta.json.JsonObject;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * What a relay needs to know of its request: where upstream, what to send, in which order to try the deployments,
 * and how the client's dialect wants the answer.
 *
 * @param request       the request in OpenAI's shape (translated, if the client speaks another dialect)
 * @param clientRequest the client's own request, for the dialect's response translation
 * @param promptTokens  the request's prompt tokens, counted once and only if some stage needs them
 * @param trace         where each upstream attempt is traced ({@link AttemptTrace#NONE}: nowhere)
 */
public record RelayPlan(String path, JsonObject request, JsonObject clientRequest, boolean stream,
                        List<Deployment> rotation, ClientDialect dialect, IntSupplier promptTokens,
                        AttemptTrace trace) {

    public RelayPlan(String path, JsonObject request, JsonObject clientRequest, boolean stream,
                     List<Deployment> rotation, ClientDialect dialect, IntSupplier promptTokens) {
        this(path, request, clientRequest, stream, rotation, dialect, promptTokens, AttemptTrace.NONE);
    }

    public String publicModel() {
        return request.getString("model", "");
    }
}
