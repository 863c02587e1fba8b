package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.relay.control.ClientConnection;
import io.tollgate.gateway.relay.control.ClientStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every inference request, whatever API its client speaks, passes these stages in this order:
 *
 * <ol>
 *   <li>{@link Authenticate} — on the headers, before any body is read</li>
 *   <li>(the surface reads the body without holding a thread)</li>
 *   <li>{@link ParseRequest} — the body as the surface's request, in OpenAI's shape</li>
 *   <li>{@link RouteRequest} — may the key use the model, and which deployments, in which order</li>
 *   <li>{@link AdmitRequest} — the project's limits: reserve, or 429</li>
 *   <li>{@link RelayRequest} — upstream and back, with fail-over</li>
 *   <li>{@link FinishCall} — one record of the outcome to its listeners</li>
 * </ol>
 *
 * A stage refuses by throwing an {@link ApiException} carrying a typed refusal; it is answered here, in the
 * surface's dialect. A new stage (a guardrail, a queue) is one class and one line in {@link #proceed}.
 */
@ApplicationScoped
public class InferencePipeline {

    private static final Logger LOG = Logger.getLogger(InferencePipeline.class.getName());

    @Inject
    GatewayConfig config;
    @Inject
    Authenticate authenticate;
    @Inject
    ParseRequest parse;
    @Inject
    RouteRequest route;
    @Inject
    AdmitRequest admit;
    @Inject
    RelayRequest relay;
    @Inject
    FinishCall finish;

    /** The first stage, on the headers alone: an unknown caller never gets to send a body. */
    public InferenceCall open(String requestId, long startedNanos, Surface surface, String authorization,
                              String priority) {
        InferenceCall call = new InferenceCall(requestId, startedNanos, surface, priority, config.current());
        call.authenticated(authenticate.apply(authorization));
        return call;
    }

    /** The stages once the body is in; the answer, relayed or refused, goes to {@code connection}. */
    public void proceed(InferenceCall call, byte[] body, ClientConnection connection) {
        ClientStream client = new ClientStream(connection, call.startedNanos(), call.dialect());
        try {
            call.parsed(parse.apply(body, call.surface()));
            call.routed(route.apply(call));
            call.admitted(admit.apply(call));
        } catch (ApiException refused) {
            answer(call, connection, client, refused.error());
            return;
        } catch (RuntimeException unexpected) {
            LOG.log(Level.WARNING, "An inference request failed before its relay started", unexpected);
            answer(call, connection, client, ApiError.internal());
            return;
        }
        call.headersTo(connection::header);
        try {
            relay.apply(call, client, ended -> finish.apply(call, ended));
        } catch (RuntimeException unexpected) {
            LOG.log(Level.WARNING, "An inference relay failed to start", unexpected);
            client.open();
            client.fail(ApiError.internal());
        }
    }

    /** Refuses a call whose body could not be read (too large, too slow). */
    public void refuse(InferenceCall call, ClientConnection connection, ApiError error) {
        answer(call, connection, new ClientStream(connection, call.startedNanos(), call.dialect()), error);
    }

    private static void answer(InferenceCall call, ClientConnection connection, ClientStream client, ApiError error) {
        call.headersTo(connection::header);
        client.open();
        client.fail(error);
    }
}
