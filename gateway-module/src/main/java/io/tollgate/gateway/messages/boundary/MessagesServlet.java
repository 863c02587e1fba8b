package io.tollgate.gateway.messages.boundary;

import io.tollgate.gateway.auth.control.Authenticator;
import io.tollgate.gateway.completion.control.InferenceEndpoint;
import io.tollgate.gateway.completion.control.RelayStarter;
import io.tollgate.gateway.messages.control.AnthropicDialect;
import io.tollgate.gateway.messages.control.AnthropicInboundTranslation;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.RequestIds;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code POST /v1/messages}, Anthropic's Messages API: authenticate (a tenant key in {@code x-api-key}, as Anthropic's
 * SDKs send it, or as a bearer token), validate, translate to a chat completions request, route, and relay with the
 * Anthropic dialect, which translates the answer back. Flow and threading as {@code InferenceServlet}.
 */
@WebServlet(urlPatterns = "/v1/messages", asyncSupported = true)
public class MessagesServlet extends HttpServlet {

    /** Anthropic's name for the request id header; Tollgate's own {@code x-request-id} is set as well. */
    static final String ANTHROPIC_REQUEST_ID = "request-id";

    @Inject
    RelayStarter relays;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long started = System.nanoTime();
        String requestId = RequestIds.from(req.getHeader(RequestIds.HEADER));
        resp.setHeader(RequestIds.HEADER, requestId);
        req.setAttribute(RequestIds.HEADER, requestId);
        resp.setHeader(ANTHROPIC_REQUEST_ID, requestId);
        JsonObject body;
        JsonObject chat;
        RelayStarter.Admitted admitted;
        Authenticator.Caller caller;
        try {
            caller = relays.authenticate(authorization(req));
            body = relays.readBody(req, resp);
            String model = AnthropicInboundTranslation.validate(body);
            chat = AnthropicInboundTranslation.chatRequest(body);
            admitted = relays.admit(caller, model, chat, InferenceEndpoint.CHAT, req, resp);
        } catch (ApiException e) {
            RelayStarter.refuse(resp, started, AnthropicDialect.INSTANCE, e.error());
            return;
        }
        relays.start(req, started, AnthropicDialect.INSTANCE, InferenceEndpoint.CHAT.upstreamPath(), chat, body,
                AnthropicInboundTranslation.streamed(body), admitted, caller);
    }

    /** The Authorization value the authenticator takes: from {@code x-api-key} if sent, else as it came. */
    static String authorization(HttpServletRequest req) {
        String apiKey = req.getHeader("x-api-key");
        if (apiKey != null && !apiKey.isBlank()) {
            return "Bearer " + apiKey.strip();
        }
        String authorization = req.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException(new ApiError(401, "x-api-key header is required (or an Authorization: Bearer "
                    + "header with your Tollgate API key).", "authentication_error", null, null));
        }
        return authorization;
    }
}
