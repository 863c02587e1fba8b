package io.tollgate.gateway.completion.control;

import io.tollgate.gateway.admission.control.Admission;
import io.tollgate.gateway.admission.control.Reservation;
import io.tollgate.gateway.auth.control.Authenticator;
import io.tollgate.gateway.backends.control.Price;
import io.tollgate.gateway.config.control.GatewaySnapshot;
import io.tollgate.gateway.ledger.control.Ledger;
import io.tollgate.gateway.ledger.control.UsageEvent;
import io.tollgate.gateway.backends.control.SharedTransport;
import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.platform.RequestBodies;
import io.tollgate.gateway.routing.control.BackendStats;
import io.tollgate.gateway.routing.control.Router;
import io.tollgate.gateway.usage.control.UsageMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What every inference servlet does, whatever API its client speaks: authenticate, route to the model's deployments,
 * admit under the project's limits, and start the relay whose outcome settles the admission and is metered.
 */
@ApplicationScoped
public class RelayStarter {

    @Inject
    Authenticator authenticator;
    @Inject
    GatewayConfig config;
    @Inject
    Router router;
    @Inject
    BackendStats backendStats;
    @Inject
    SharedTransport transport;
    @Inject
    UsageMeter usage;
    @Inject
    Admission admission;
    @Inject
    Ledger ledger;
    @Inject
    io.tollgate.gateway.bootstrap.ShutdownDrain drain;
    @Inject
    @ConfigProperty(name = "TOLLGATE_MAX_BODY_BYTES", defaultValue = "8388608")
    int maxBodyBytes;

    public Authenticator.Caller authenticate(String authorization) {
        drain.refuseIfDraining();
        return authenticator.tenant(authorization);
    }

    /** Whether a body may be sent at all: 405 for another method than POST, 413 when it announces more than the limit. */
    public void acceptBody(HttpServletRequest req, HttpServletResponse resp) {
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            throw Refusal.METHOD_NOT_ALLOWED.exception("Method " + req.getMethod() + " is not allowed on "
                    + req.getServletPath() + "; use POST.");
        }
        if (req.getContentLengthLong() > maxBodyBytes) {
            throw RequestBodies.tooLarge(maxBodyBytes);
        }
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Answers a request refused before any backend was involved, in the client's dialect. */
    public static void refuse(HttpServletResponse resp, long startedNanos, ClientDialect dialect, ApiError error)
            throws IOException {
        Refusal refusal = error.refusal();
        if (refusal != null && refusal.closesConnection()) {
            resp.setHeader("Connection", "close");
        }
        if (refusal == Refusal.DRAINING) {
            resp.setHeader("Retry-After", "0");
        }
        byte[] bytes = dialect.errorBody(error);
        resp.setHeader("openai-processing-ms", Long.toString((System.nanoTime() - startedNanos) / 1_000_000));
        resp.setStatus(error.status());
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** A request allowed through: where to send it, and what it holds of its project's limits until it ends. */
    public record Admitted(List<Deployment> rotation, Reservation reservation, InferenceEndpoint endpoint) {
    }

    /**
     * Checks the key may use the model, finds the model's deployments in the order to try them, and admits the
     * request under its project's limits (setting the {@code x-ratelimit-*} headers). Every inference request
     * passes here: there is no way to start a relay without it.
     *
     * @param request the request in OpenAI's shape
     */
    public Admitted admit(Authenticator.Caller caller, String model, JsonObject request, InferenceEndpoint endpoint,
                          HttpServletRequest req, HttpServletResponse resp) {
        caller.requireModel(model);
        String priority = Router.priority(req.getHeader("x-tollgate-priority"));
        GatewaySnapshot snapshot = config.current();
        List<Deployment> rotation = router.route(snapshot, model, priority, caller.projectId());
        Reservation reservation;
        try {
            reservation = admission.admit(snapshot, caller.projectId(), model, request, rotation,
                    endpoint == InferenceEndpoint.EMBEDDINGS, resp);
        } catch (ApiException refused) {
            usage.rejected(rejectionReason(refused.error()));
            throw refused;
        }
        return new Admitted(rotation, reservation, endpoint);
    }

    /** The label an admission refusal is counted under. */
    static String rejectionReason(ApiError error) {
        return error.refusal() != null ? error.refusal().metricLabel() : "other";
    }

    public void start(jakarta.servlet.AsyncContext async, long startedNanos, ClientDialect dialect, String path, JsonObject request,
                      JsonObject clientRequest, boolean stream, Admitted admitted, Authenticator.Caller caller,
                      java.util.function.Consumer<Runnable> whenClientGone) throws IOException {
        List<Deployment> rotation = admitted.rotation();
        Reservation reservation = admitted.reservation();
        String endpoint = admitted.endpoint() == InferenceEndpoint.EMBEDDINGS ? "embeddings" : "completions";
        String requestId = (String) async.getRequest().getAttribute(io.tollgate.gateway.platform.RequestIds.HEADER);
        CompletionRelay.launch(async, startedNanos, dialect, path, request, clientRequest, stream, rotation,
                transport.timer(), caller, finished -> {
                    ledger.record(settle(reservation, rotation, endpoint, finished));
                    usage.record(finished, requestId);
                }, backendStats, whenClientGone);
    }

    /**
     * A random (version 4) UUID from the thread's own generator: an event id must be unique, not unguessable, and
     * {@link UUID#randomUUID()} draws from one SecureRandom every request thread queues for.
     */
    static UUID eventId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /**
     * Settles the admission on what the request used — all of it refunded when no backend answered — and makes the
     * ledger's event of it, costed at the answering backend's price in force.
     */
    static UsageEvent settle(Reservation reservation, List<Deployment> rotation, String endpoint,
                             CompletionFinished finished) {
        Usage used = finished.usage();
        Deployment answering = finished.backend() == null ? null : rotation.stream()
                .filter(d -> d.backendName().equals(finished.backend())).findFirst().orElse(null);
        Price price = answering == null || answering.price() == null ? Price.FREE : answering.price();
        long cost = used == null ? 0 : price.nanoUsd(used.promptTokens(), used.cachedPromptTokens(),
                used.completionTokens());
        reservation.settle(answering != null && used != null, used == null ? 0 : used.totalTokens(), cost);
        return new UsageEvent(eventId(), Instant.now(), finished.projectId(), finished.keyId(),
                finished.model(), answering == null ? null : answering.backendId(), endpoint,
                used == null ? 0 : used.promptTokens(), used == null ? 0 : used.cachedPromptTokens(),
                used == null ? 0 : used.completionTokens(), (int) (finished.latencyNanos() / 1_000_000),
                finished.firstByteNanos() == 0 ? null : (int) (finished.firstByteNanos() / 1_000_000),
                finished.status(), finished.streamed(), finished.clientDisconnected(), used != null && used.estimated(),
                cost, price == Price.FREE ? null : price.validFrom());
    }
}
