package io.tollgate.gateway.completion.control;

import io.tollgate.gateway.auth.control.Authenticator;
import io.tollgate.gateway.backends.control.SharedTransport;
import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.routing.control.RoundRobin;
import io.tollgate.gateway.usage.control.UsageMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.List;

/**
 * What every inference servlet does, whatever API its client speaks: authenticate, route to the model's deployments,
 * and start the relay whose outcome is metered.
 */
@ApplicationScoped
public class RelayStarter {

    @Inject
    Authenticator authenticator;
    @Inject
    GatewayConfig config;
    @Inject
    RoundRobin roundRobin;
    @Inject
    SharedTransport transport;
    @Inject
    UsageMeter usage;
    @Inject
    @ConfigProperty(name = "TOLLGATE_MAX_BODY_BYTES", defaultValue = "8388608")
    int maxBodyBytes;

    public Authenticator.Caller authenticate(String authorization) {
        return authenticator.tenant(authorization);
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The model's deployments in the order to try them, after checking the key may use the model. */
    public List<Deployment> route(Authenticator.Caller caller, String model) {
        caller.requireModel(model);
        List<Deployment> rotation = roundRobin.order(model, config.current().deployments(model));
        if (rotation.isEmpty()) {
            throw new ApiException(ApiError.modelNotFound(model));
        }
        return rotation;
    }

    public void start(HttpServletRequest req, long startedNanos, ClientDialect dialect, String path, JsonObject request,
                      JsonObject clientRequest, boolean stream, List<Deployment> rotation, Authenticator.Caller caller)
            throws IOException {
        CompletionRelay.launch(req, startedNanos, dialect, path, request, clientRequest, stream, rotation,
                transport.timer(), caller, usage::record);
    }
}
