package io.tollgate.gateway.inference.boundary;

import io.tollgate.gateway.inference.control.InferenceEndpoint;
import io.tollgate.gateway.inference.control.Surface;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions}, {@code /v1/completions}, {@code /v1/embeddings}: OpenAI's surface over
 * {@link InferenceReception}. A plain async servlet rather than a JAX-RS resource: the hot path skips JAX-RS's
 * per-request machinery, and body and relay are read and written without blocking, so a replica holds many slow
 * uploads and long streams without a thread each.
 */
@WebServlet(urlPatterns = {"/v1/chat/completions", "/v1/completions", "/v1/embeddings"}, asyncSupported = true)
public class InferenceServlet extends HttpServlet {

    private static final Map<String, Surface> SURFACES = Map.of(
            "/v1/chat/completions", Surface.openAi(InferenceEndpoint.CHAT),
            "/v1/completions", Surface.openAi(InferenceEndpoint.COMPLETIONS),
            "/v1/embeddings", Surface.openAi(InferenceEndpoint.EMBEDDINGS));

    @Inject
    InferenceReception reception;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        reception.receive(req, resp, SURFACES.get(req.getServletPath()), () -> req.getHeader("Authorization"));
    }
}
