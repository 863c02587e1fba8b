package io.tollgate.gateway.completion.boundary;

import io.tollgate.gateway.completion.control.ClientDialect;
import io.tollgate.gateway.completion.control.InferenceEndpoint;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code POST /v1/chat/completions}, {@code /v1/completions}, {@code /v1/embeddings}: OpenAI's surface over
 * {@link InferenceReception}. A plain async servlet rather than a JAX-RS resource: the hot path skips JAX-RS's
 * per-request machinery, and body and relay are read and written without blocking, so a replica holds many slow
 * uploads and long streams without a thread each.
 */
@WebServlet(urlPatterns = {"/v1/chat/completions", "/v1/completions", "/v1/embeddings"}, asyncSupported = true)
public class InferenceServlet extends HttpServlet {

    @Inject
    InferenceReception reception;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        InferenceEndpoint endpoint = InferenceEndpoint.forPath(req.getServletPath());
        reception.receive(req, resp, ClientDialect.OPENAI, () -> req.getHeader("Authorization"),
                body -> new InferenceReception.Parsed(endpoint.validate(body), endpoint, body, body,
                        endpoint.streamed(body)));
    }
}
