package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.tracing.control.CallTracing;
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
 * The call's trace ({@code tracing}) starts with it in {@link #open} and ends in {@link FinishCall} or at a refusal.
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
    @Inject
    CallTracing tracing;

    /**
     * The first stage, on the headers alone: an unknown caller never gets to send a body. The call's trace starts
     * here, as a child of the caller's {@code traceparent} if it sent one.
     */
    public InferenceCall open(String requestId, long startedNanos, Surface surface, String authorization,
                              String priority, TraceHeaders trace) {
        InferenceCall call = new InferenceCall(requestId, startedNanos, surface, priority, config.current());
        call.traced(tracing.begin(surface.operation(), trace.traceparent(), trace.tracestate()));
        try {
            call.authenticated(authenticate.apply(authorization));
        } catch (ApiException refused) {
            call.trace().refused(refused.error().status(), refused.error().code());
            throw refused;
        }
        call.trace().caller(call.caller().projectId());
        return call;
    }

    /** The caller's W3C trace context headers, as they came (either may be null). */
    public record TraceHeaders(String traceparent, String tracestate) {
        public static final TraceHeaders NONE = new TraceHeaders(null, null);
    }

    /** The stages once the body is in; the answer, relayed or refused, goes to {@code connection}. */
    public void proceed(InferenceCall call, byte[] body, ClientConnection connection) {
        ClientStream client = new ClientStream(connection, call.startedNanos(), call.dialect());
        try {
            call.parsed(parse.apply(body, call.surface()));
            if (call.trace().recording()) {
                call.trace().requested(call.request().model(), integer(call.request().openAi(), "max_tokens"),
                        number(call.request().openAi(), "temperature"));
            }
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

    private static Integer integer(jakarta.json.JsonObject request, String field) {
        return request.get(field) instanceof jakarta.json.JsonNumber n && n.isIntegral() ? n.intValue() : null;
    }

    private static Double number(jakarta.json.JsonObject request, String field) {
        return request.get(field) instanceof jakarta.json.JsonNumber n ? n.doubleValue() : null;
    }

    private static void answer(InferenceCall call, ClientConnection connection, ClientStream client, ApiError error) {
        call.trace().refused(error.status(), error.code());
        call.headersTo(connection::header);
        client.open();
        client.fail(error);
    }
}
