package io.tollgate.gateway.completion.boundary;

import io.tollgate.gateway.auth.control.Authenticator;
import io.tollgate.gateway.completion.control.ClientDialect;
import io.tollgate.gateway.completion.control.RelayStarter;
import io.tollgate.gateway.completion.control.InferenceEndpoint;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.RequestIds;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code POST /v1/chat/completions}, {@code /v1/completions}, {@code /v1/embeddings}: authenticate, validate, route,
 * relay. A plain async servlet rather than a JAX-RS resource: the hot path skips JAX-RS's per-request machinery, and
 * the relay writes without blocking, so a replica holds many long streams without a thread each.
 */
@WebServlet(urlPatterns = {"/v1/chat/completions", "/v1/completions", "/v1/embeddings"}, asyncSupported = true)
public class InferenceServlet extends HttpServlet {

    @Inject
    RelayStarter relays;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        long started = System.nanoTime();
        String requestId = RequestIds.from(req.getHeader(RequestIds.HEADER));
        resp.setHeader(RequestIds.HEADER, requestId);
        req.setAttribute(RequestIds.HEADER, requestId);
        InferenceEndpoint endpoint = InferenceEndpoint.forPath(req.getServletPath());
        JsonObject body;
        RelayStarter.Admitted admitted;
        Authenticator.Caller caller;
        try {
            caller = relays.authenticate(req.getHeader("Authorization"));
            body = relays.readBody(req, resp);
            String model = endpoint.validate(body);
            admitted = relays.admit(caller, model, body, endpoint, req, resp);
        } catch (ApiException e) {
            RelayStarter.refuse(resp, started, ClientDialect.OPENAI, e.error());
            return;
        }
        relays.start(req, started, ClientDialect.OPENAI, endpoint.upstreamPath(), body, body, endpoint.streamed(body),
                admitted, caller);
    }
}
