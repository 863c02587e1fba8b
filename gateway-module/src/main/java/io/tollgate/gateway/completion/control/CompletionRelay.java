package io.tollgate.gateway.completion.control;

import io.tollgate.gateway.backends.control.UpstreamRequest;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.platform.ApiError;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client request on its way upstream. Before the upstream has answered, a failure is not the client's problem:
 * the next deployment in the rotation is tried (a stale pooled connection gets one retry even with a single
 * backend, as nothing reached the upstream). Once an upstream has answered, its answer is what the client gets.
 */
public final class CompletionRelay {

    private static final Logger LOG = Logger.getLogger(CompletionRelay.class.getName());

    private final String path;
    private final JsonObject request;
    private final boolean stream;
    private final List<Deployment> rotation;
    private final ClientStream client;
    private final int maxAttempts;
    private final String publicModel;
    private final boolean clientWantsUsage;

    public CompletionRelay(String path, JsonObject request, boolean stream, List<Deployment> rotation,
                           ClientStream client) {
        this.path = path;
        this.request = request;
        this.stream = stream;
        this.rotation = rotation;
        this.client = client;
        this.maxAttempts = Math.max(2, rotation.size());
        this.publicModel = request.getString("model", "");
        this.clientWantsUsage = stream && request.get("stream_options") instanceof JsonObject o
                && o.get("include_usage") == jakarta.json.JsonValue.TRUE;
    }

    /**
     * The body the backend gets: its own model name, and (for streams) {@code stream_options.include_usage}, so the
     * usage is known even when the client did not ask for it.
     */
    private JsonObject upstreamBody(Deployment deployment) {
        var body = Json.createObjectBuilder(request).add("model", deployment.upstreamModel());
        if (stream) {
            var options = request.get("stream_options") instanceof JsonObject o
                    ? Json.createObjectBuilder(o) : Json.createObjectBuilder();
            body.add("stream_options", options.add("include_usage", true));
        }
        return body.build();
    }

    public void start() {
        attempt(0);
    }

    private void attempt(int n) {
        Deployment deployment = rotation.get(n % rotation.size());
        JsonObject upstreamJson = upstreamBody(deployment);
        UpstreamRequest upstream = new UpstreamRequest(path, upstreamJson,
                upstreamJson.toString().getBytes(StandardCharsets.UTF_8), stream);
        boolean canRetry = n + 1 < maxAttempts;
        boolean otherBackendLeft = n + 1 < rotation.size();
        AtomicBoolean answered = new AtomicBoolean();
        try {
            deployment.client().exchange(upstream, (status, contentType) -> {
                answered.set(true);
                if (status >= 500 && otherBackendLeft) {
                    LOG.log(Level.INFO, "Backend {0} answered {1}; trying the next one",
                            new Object[]{deployment.backendName(), status});
                    return new Discard(() -> attempt(n + 1));
                }
                if (status >= 500) {
                    return new Discard(() -> client.fail(ApiError.upstreamFailed(
                            "The backend serving this model failed (HTTP " + status + "). Please retry.")));
                }
                client.begin(status, contentType);
                boolean sse = contentType != null && contentType.startsWith("text/event-stream");
                ResponseShaper shaper = new ResponseShaper(publicModel, sse, clientWantsUsage);
                return new ShapingSubscriber(shaper, client, () -> {
                    if (shaper.usage() != null) {
                        LOG.log(Level.FINE, "{0} via {1}: {2}", new Object[]{publicModel, deployment.backendName(),
                                shaper.usage()});
                    }
                });
            }).whenComplete((ignored, error) -> {
                if (error == null || answered.get()) {
                    return;
                }
                LOG.log(Level.INFO, "Backend {0} could not be reached: {1}",
                        new Object[]{deployment.backendName(), String.valueOf(error.getMessage())});
                if (canRetry) {
                    attempt(n + 1);
                } else {
                    client.fail(ApiError.upstreamFailed("No backend for model `" + request.getString("model", "")
                            + "` could be reached. Please retry."));
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Backend " + deployment.backendName() + " refused the request", e);
            client.fail(ApiError.upstreamFailed("The backend serving this model could not take the request."));
        }
    }

    /** Reads and drops a body nobody will see, then carries on. */
    private static final class Discard implements Flow.Subscriber<List<ByteBuffer>> {
        private final Runnable then;

        Discard(Runnable then) {
            this.then = then;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            // dropped
        }

        @Override
        public void onError(Throwable t) {
            then.run();
        }

        @Override
        public void onComplete() {
            then.run();
        }
    }
}
