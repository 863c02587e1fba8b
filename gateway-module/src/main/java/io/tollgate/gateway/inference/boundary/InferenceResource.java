package io.tollgate.gateway.inference.boundary;

import io.tollgate.gateway.inference.control.InferenceCall;
import io.tollgate.gateway.inference.control.InferenceEndpoint;
import io.tollgate.gateway.inference.control.InferencePipeline;
import io.tollgate.gateway.inference.control.Surface;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Chat completions as a Jakarta REST resource over the same pipeline, at {@code /v1/rs/v1/chat/completions}, on only
 * when {@code TOLLGATE_JAKARTA_REST_INFERENCE} is set ({@link InferenceResourceSwitch} refuses it otherwise): it exists to measure Jakarta REST beside the servlet surface
 * ({@code bench/run.sh} with {@code RS=1}; docs/architecture.md has the figures and why the servlet stays). The
 * body is read by Jersey before the method runs (blocking a worker, unlike {@link AsyncBodyReader}); the answer is
 * resumed on the {@link AsyncResponse} — whole, or as a {@code StreamingOutput} that a virtual thread writes with
 * blocking writes ({@link BlockingConnection}).
 */
@Path("rs/v1/chat/completions")
@ApplicationScoped
public class InferenceResource {

    private static final Surface CHAT = Surface.openAi(InferenceEndpoint.CHAT);

    @Inject
    InferencePipeline pipeline;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public void chat(byte[] body, @HeaderParam("Authorization") String authorization,
                     @HeaderParam("x-tollgate-priority") String priority,
                     @HeaderParam(RequestIds.HEADER) String requestId, @HeaderParam("traceparent") String traceparent,
                     @HeaderParam("tracestate") String tracestate, @Suspended AsyncResponse async) {
        long started = System.nanoTime();
        InferenceCall call;
        try {
            call = pipeline.open(RequestIds.from(requestId), started, CHAT, authorization, priority,
                    new InferencePipeline.TraceHeaders(traceparent, tracestate));
        } catch (ApiException e) {
            async.resume(Response.status(e.error().status()).type(MediaType.APPLICATION_JSON)
                    .entity(CHAT.dialect().errorBody(e.error())).build());
            return;
        }
        pipeline.proceed(call, body, new BlockingConnection(answer -> {
            Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.entity());
            answer.headers().forEach(response::header);
            async.resume(response.build());
        }));
    }
}
