package io.tollgate.gateway.inference.boundary;

import io.tollgate.gateway.settings.TollgateSettings;
import io.tollgate.gateway.backends.control.SharedTransport;
import io.tollgate.gateway.dialect.ClientDialect;
import io.tollgate.gateway.inference.control.InferenceCall;
import io.tollgate.gateway.inference.control.InferencePipeline;
import io.tollgate.gateway.inference.control.Surface;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.platform.RequestBodies;
import io.tollgate.gateway.platform.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How every inference surface takes a request in over HTTP: the {@link InferencePipeline}'s first stage runs on the
 * headers (so an unknown caller never gets to send a body), then the request goes async and its body is read
 * without a thread ({@link AsyncBodyReader}); once it is in, the pipeline's other stages take over, answering
 * through a {@link ServletConnection}.
 */
@ApplicationScoped
public class InferenceReception {

    private static final Logger LOG = Logger.getLogger(InferenceReception.class.getName());

    @Inject
    InferencePipeline pipeline;
    @Inject
    SharedTransport transport;
    @Inject
    TollgateSettings settings;

    /** @param authorization the Authorization value the authenticator takes (it may refuse by throwing) */
    public void receive(HttpServletRequest req, HttpServletResponse resp, Surface surface,
                        Supplier<String> authorization) throws IOException {
        long started = System.nanoTime();
        String requestId = req.getAttribute(RequestIds.HEADER) instanceof String surfaceSet ? surfaceSet
                : RequestIds.from(req.getHeader(RequestIds.HEADER));
        resp.setHeader(RequestIds.HEADER, requestId);
        req.setAttribute(RequestIds.HEADER, requestId);
        InferenceCall call;
        try {
            call = pipeline.open(requestId, started, surface, authorization.get(), req.getHeader("x-tollgate-priority"),
                    new InferencePipeline.TraceHeaders(req.getHeader("traceparent"), req.getHeader("tracestate")));
            acceptBody(req, resp);
        } catch (ApiException e) {
            refuseAtOnce(resp, started, surface.dialect(), e.error());
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        ClientHangUp hangUp = new ClientHangUp();
        async.addListener(hangUp); // now or never: not once this dispatch has returned, as it may before the body is in
        ServletConnection connection = new ServletConnection(async, hangUp);
        TollgateSettings.Bodies bodies = settings.bodies();
        AsyncBodyReader.read(req.getInputStream(), bodies.maxBytes(), req.getContentLengthLong(),
                        new AsyncBodyReader.Timeouts(bodies.idleTimeout(), bodies.totalTimeout()), transport.timer(),
                        System::nanoTime)
                .whenComplete((bytes, error) -> proceed(call, connection, bytes, error));
    }

    private void proceed(InferenceCall call, ServletConnection connection, byte[] bytes, Throwable error) {
        if (error == null) {
            pipeline.proceed(call, bytes, connection);
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof ApiException refused)) {
            LOG.log(Level.FINE, "The body could not be read", cause);
            connection.complete();
            return;
        }
        pipeline.refuse(call, connection, refused.error());
    }

    /** Whether a body may be sent at all: 405 for another method than POST, 413 when it announces more than the limit. */
    private void acceptBody(HttpServletRequest req, HttpServletResponse resp) {
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            throw Refusal.METHOD_NOT_ALLOWED.exception("Method " + req.getMethod() + " is not allowed on "
                    + req.getServletPath() + "; use POST.");
        }
        int maxBytes = settings.bodies().maxBytes();
        if (req.getContentLengthLong() > maxBytes) {
            throw RequestBodies.tooLarge(maxBytes);
        }
    }

    /** A refusal before the request went async (no body read): answered with a plain write. */
    static void refuseAtOnce(HttpServletResponse resp, long startedNanos, ClientDialect dialect, ApiError error)
            throws IOException {
        error.headers().forEach(resp::setHeader);
        byte[] bytes = dialect.errorBody(error);
        resp.setHeader("openai-processing-ms", Long.toString((System.nanoTime() - startedNanos) / 1_000_000));
        resp.setStatus(error.status());
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
