package io.tollgate.gateway.completion.boundary;

import io.tollgate.gateway.auth.control.Authenticator;
import io.tollgate.gateway.backends.control.SharedTransport;
import io.tollgate.gateway.completion.control.ClientStream;
import io.tollgate.gateway.completion.control.CompletionRelay;
import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.RequestIds;
import io.tollgate.gateway.routing.control.RoundRobin;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code POST /v1/chat/completions}: authenticate, validate, route, relay. A plain async servlet rather than a
 * JAX-RS resource: the hot path skips JAX-RS's per-request machinery, and the relay writes without blocking, so a
 * replica holds many long streams without a thread each.
 */
@WebServlet(urlPatterns = "/v1/chat/completions", asyncSupported = true)
public class ChatCompletionsServlet extends HttpServlet {

    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    @Inject
    Authenticator authenticator;
    @Inject
    GatewayConfig config;
    @Inject
    RoundRobin roundRobin;
    @Inject
    SharedTransport transport;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long started = System.nanoTime();
        resp.setHeader(RequestIds.HEADER, RequestIds.from(req.getHeader(RequestIds.HEADER)));
        JsonObject body;
        List<Deployment> rotation;
        String model;
        try {
            authenticator.tenant(req.getHeader("Authorization"));
            body = parse(req);
            model = requiredModel(body);
            if (!(body.get("messages") instanceof jakarta.json.JsonArray)) {
                throw new ApiException(ApiError.invalidRequest(
                        body.containsKey("messages") ? "'messages' must be an array of message objects."
                                : "Missing required parameter: 'messages'.", "messages"));
            }
            rotation = roundRobin.order(model, config.current().deployments(model));
            if (rotation.isEmpty()) {
                throw new ApiException(ApiError.modelNotFound(model));
            }
        } catch (ApiException e) {
            resp.setHeader("openai-processing-ms", Long.toString((System.nanoTime() - started) / 1_000_000));
            writeError(resp, e.error());
            return;
        }
        boolean stream = body.get("stream") == JsonValue.TRUE;
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        ClientStream client = new ClientStream(async, started, () -> { });
        client.open();
        new CompletionRelay("/chat/completions", body, stream, rotation, client, transport.timer()).start();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, jakarta.servlet.ServletException {
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            resp.setHeader(RequestIds.HEADER, RequestIds.from(req.getHeader(RequestIds.HEADER)));
            writeError(resp, new ApiError(405, "Method " + req.getMethod() + " is not allowed on /v1/chat/completions; "
                    + "use POST.", "invalid_request_error", null, "method_not_allowed"));
            return;
        }
        super.service(req, resp);
    }

    static JsonObject parse(HttpServletRequest req) throws IOException {
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(new ApiError(413, "The request body is larger than " + MAX_BODY_BYTES + " bytes.",
                    "invalid_request_error", null, "request_too_large"));
        }
        if (bytes.length == 0) {
            throw new ApiException(ApiError.invalidRequest("The request body is empty; send a JSON object.", null));
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                throw new ApiException(ApiError.invalidRequest("The request body must be a JSON object.", null));
            }
            return object;
        } catch (JsonParsingException e) {
            throw new ApiException(ApiError.invalidRequest("We could not parse the JSON body of your request: "
                    + e.getMessage(), null));
        } catch (JsonException e) {
            throw new ApiException(ApiError.invalidRequest("We could not parse the JSON body of your request. "
                    + "Send valid JSON encoded as UTF-8.", null));
        }
    }

    private static String requiredModel(JsonObject body) {
        JsonValue model = body.get("model");
        if (model == null || model == JsonValue.NULL) {
            throw new ApiException(ApiError.invalidRequest("Missing required parameter: 'model'.", "model"));
        }
        if (!(model instanceof JsonString s) || s.getString().isBlank()) {
            throw new ApiException(ApiError.invalidRequest("'model' must be a non-empty string.", "model"));
        }
        return s.getString();
    }

    static void writeError(HttpServletResponse resp, ApiError error) throws IOException {
        byte[] bytes = error.toBytes();
        resp.setStatus(error.status());
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
