package io.tollgate.gateway.messages.boundary;

import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.inference.boundary.InferenceReception;
import io.tollgate.gateway.inference.control.InferenceEndpoint;
import io.tollgate.gateway.inference.control.ParsedRequest;
import io.tollgate.gateway.inference.control.Surface;
import io.tollgate.gateway.messages.control.AnthropicDialect;
import io.tollgate.gateway.messages.control.AnthropicInboundTranslation;
import io.tollgate.gateway.platform.RequestIds;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code POST /v1/messages}, Anthropic's Messages API: authenticate (a tenant key in {@code x-api-key}, as Anthropic's
 * SDKs send it, or as a bearer token), validate, translate to a chat completions request, route, and relay with the
 * Anthropic dialect, which translates the answer back; taken in by {@link InferenceReception}, as OpenAI's surface.
 */
@WebServlet(urlPatterns = "/v1/messages", asyncSupported = true)
public class MessagesServlet extends HttpServlet {

    /** Anthropic's name for the request id header; Tollgate's own {@code x-request-id} is set as well. */
    static final String ANTHROPIC_REQUEST_ID = "request-id";

    /** A Messages request, checked, and translated to chat completions for the pipeline. */
    static final Surface SURFACE = new Surface(AnthropicDialect.INSTANCE, body -> new ParsedRequest(
            AnthropicInboundTranslation.validate(body), InferenceEndpoint.CHAT,
            AnthropicInboundTranslation.chatRequest(body), body, AnthropicInboundTranslation.streamed(body)),
            InferenceEndpoint.CHAT.operation());

    @Inject
    InferenceReception reception;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String requestId = RequestIds.from(req.getHeader(RequestIds.HEADER));
        req.setAttribute(RequestIds.HEADER, requestId); // the reception keeps it: both headers carry the same id
        resp.setHeader(ANTHROPIC_REQUEST_ID, requestId);
        reception.receive(req, resp, SURFACE, () -> authorization(req));
    }

    /** The Authorization value the authenticator takes: from {@code x-api-key} if sent, else as it came. */
    static String authorization(HttpServletRequest req) {
        String apiKey = req.getHeader("x-api-key");
        if (apiKey != null && !apiKey.isBlank()) {
            return "Bearer " + apiKey.strip();
        }
        String authorization = req.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw Refusal.MISSING_KEY.exception("x-api-key header is required (or an Authorization: Bearer "
                    + "header with your Tollgate API key).");
        }
        return authorization;
    }
}
