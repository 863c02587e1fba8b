package io.tollgate.gateway.completion.boundary;

import io.tollgate.gateway.auth.control.Authenticator;
import io.tollgate.gateway.backends.control.SharedTransport;
import io.tollgate.gateway.completion.control.ClientDialect;
import io.tollgate.gateway.completion.control.InferenceEndpoint;
import io.tollgate.gateway.completion.control.RelayStarter;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.RequestBodies;
import io.tollgate.gateway.platform.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How every inference surface takes a request in, whatever API its client speaks: the key is checked from the
 * headers (so an unknown caller never gets to send a body), then the request goes async and its body is read without
 * a thread ({@link AsyncBodyReader}); once it is in, the surface parses it, admission decides, and the relay starts.
 */
@ApplicationScoped
public class InferenceReception {

    private static final Logger LOG = Logger.getLogger(InferenceReception.class.getName());

    /** What a surface makes of the body it received: the model, the request to relay and how to relay it. */
    public record Parsed(String model, InferenceEndpoint endpoint, JsonObject request, JsonObject clientRequest,
                         boolean stream) {
    }

    @Inject
    RelayStarter relays;
    @Inject
    SharedTransport transport;
    @Inject
    @ConfigProperty(name = "TOLLGATE_BODY_IDLE_TIMEOUT_MS", defaultValue = "10000")
    long bodyIdleMillis;
    @Inject
    @ConfigProperty(name = "TOLLGATE_BODY_TIMEOUT_MS", defaultValue = "60000")
    long bodyTotalMillis;

    /**
     * @param authorization the Authorization value the authenticator takes (it may refuse by throwing)
     * @param parse         the surface's parse and validation of the body (it refuses by throwing)
     */
    public void receive(HttpServletRequest req, HttpServletResponse resp, ClientDialect dialect,
                        Supplier<String> authorization, Function<JsonObject, Parsed> parse) throws IOException {
        long started = System.nanoTime();
        String requestId = req.getAttribute(RequestIds.HEADER) instanceof String surfaceSet ? surfaceSet
                : RequestIds.from(req.getHeader(RequestIds.HEADER));
        resp.setHeader(RequestIds.HEADER, requestId);
        req.setAttribute(RequestIds.HEADER, requestId);
        Authenticator.Caller caller;
        try {
            caller = relays.authenticate(authorization.get());
            relays.acceptBody(req, resp);
        } catch (ApiException e) {
            RelayStarter.refuse(resp, started, dialect, e.error());
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        ClientHangUp hangUp = new ClientHangUp();
        async.addListener(hangUp); // now or never: not once this dispatch has returned, as it may before the body is in
        AsyncBodyReader.read(req.getInputStream(), relays.maxBodyBytes(), req.getContentLengthLong(),
                        new AsyncBodyReader.Timeouts(Duration.ofMillis(bodyIdleMillis), Duration.ofMillis(bodyTotalMillis)),
                        transport.timer(), System::nanoTime)
                .whenComplete((bytes, error) -> proceed(async, hangUp, started, dialect, caller, bytes, error,
                        parse));
    }

    private void proceed(AsyncContext async, ClientHangUp hangUp, long started, ClientDialect dialect,
                         Authenticator.Caller caller, byte[] bytes, Throwable error, Function<JsonObject, Parsed> parse) {
        var req = (HttpServletRequest) async.getRequest();
        var resp = (HttpServletResponse) async.getResponse();
        Parsed parsed;
        RelayStarter.Admitted admitted;
        try {
            if (error != null) {
                throw error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            }
            parsed = parse.apply(RequestBodies.parse(bytes));
            admitted = relays.admit(caller, parsed.model(), parsed.request(), parsed.endpoint(), req, resp);
        } catch (ApiException e) {
            refuse(async, resp, started, dialect, e.error());
            return;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "An inference request failed before its relay started", e);
            refuse(async, resp, started, dialect, ApiError.internal());
            return;
        }
        try {
            relays.start(async, started, dialect, parsed.endpoint().upstreamPath(), parsed.request(),
                    parsed.clientRequest(), parsed.stream(), admitted, caller, hangUp::onHangUp);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "The client left before its relay started", e);
            async.complete();
        }
    }

    private static void refuse(AsyncContext async, HttpServletResponse resp, long started, ClientDialect dialect,
                               ApiError error) {
        try {
            RelayStarter.refuse(resp, started, dialect, error);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "The client left before its refusal was written", e);
        } finally {
            async.complete();
        }
    }
}
