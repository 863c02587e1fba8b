package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.binding.AdminBodies;
import io.tollgate.gateway.platform.binding.Bound;
import io.tollgate.gateway.platform.binding.OnCreate;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an admin asks a backend to be. Fields left out of a modify request stay as they were (null here);
 * {@code api_key: null} removes a credential, leaving it out keeps it.
 */
public record BackendSpec(String name, String kind, String baseUrl, Optional<String> apiKey, boolean apiKeyGiven,
                          Integer timeToFirstTokenMs, Integer tokensPerSecond, Boolean enabled,
                          List<BackendView.ModelRouteView> models, TimeoutSpec timeouts, PriceSpec price,
                          Optional<GpuSpec> gpu, String tier, Boolean draining) {

    public static final Set<String> TIERS = Set.of("self_hosted", "cloud");

    /**
     * A self-hosted backend's GPUs: a catalogue type, how many, and the throughput to cost it at until it has served
     * enough to measure. {@code gpu: null} makes it a per-token-priced backend again; left out, it stays.
     */
    public record GpuSpec(String type, int count, int expectedTokensPerSecond) {
    }

    /** USD per 1M tokens; a change becomes a new price version. */
    public record PriceSpec(java.math.BigDecimal input, java.math.BigDecimal cachedInput, java.math.BigDecimal output) {
    }

    /** Timeouts in milliseconds; a null field keeps the stored value (or the default). */
    public record TimeoutSpec(Integer connectMs, Integer firstByteMs, Integer idleMs, Integer totalMs) {
    }

    public static final Set<String> KINDS = Set.of("openai", "anthropic", "simulator");

    /** Parses a create (all required fields present) or modify (any subset) request body. */
    public static BackendSpec parse(JsonValue body, boolean create) {
        if (!(body instanceof JsonObject object)) {
            throw new ApiException(ApiError.invalidRequest("The request body must be a JSON object.", null));
        }
        return of(create ? AdminBodies.bind(object, BackendBody.class, OnCreate.class)
                : AdminBodies.bind(object, BackendBody.class), create);
    }

    /** What a bound body means: defaults filled in, and the rules that span fields. */
    public static BackendSpec of(Bound<BackendBody> bound, boolean create) {
        BackendBody b = bound.value();
        if (create && ("openai".equals(b.kind()) || "anthropic".equals(b.kind())) && b.baseUrl() == null) {
            throw new ApiException(ApiError.invalidRequest("Missing required parameter: 'base_url' (e.g. "
                    + ("anthropic".equals(b.kind()) ? "https://api.anthropic.com/v1" : "http://vllm:8000/v1") + ").",
                    "base_url"));
        }
        Optional<GpuSpec> gpu = null;
        if (bound.has("gpu")) {
            gpu = Optional.ofNullable(b.gpu()).map(g -> new GpuSpec(g.type(), g.count() == null ? 1 : g.count(),
                    g.expectedTokensPerSecond() == null ? 1000 : g.expectedTokensPerSecond()));
            if (gpu.isPresent() && b.price() != null) {
                throw new ApiException(ApiError.invalidRequest("A backend is priced per token ('price') or by its "
                        + "GPUs ('gpu'), not both.", "gpu"));
            }
        }
        PriceSpec price = b.price() == null ? null : new PriceSpec(usd(b.price().inputUsdPer1m()),
                usd(b.price().cachedInputUsdPer1m() == null ? b.price().inputUsdPer1m()
                        : b.price().cachedInputUsdPer1m()), usd(b.price().outputUsdPer1m()));
        TimeoutSpec timeouts = b.timeouts() == null ? null : new TimeoutSpec(b.timeouts().connectMs(),
                b.timeouts().firstByteMs(), b.timeouts().idleMs(), b.timeouts().totalMs());
        return new BackendSpec(b.name(), b.kind(), b.baseUrl(), Optional.ofNullable(b.apiKey()).filter(k -> !k.isEmpty()),
                bound.has("api_key"), b.timeToFirstTokenMs(), b.tokensPerSecond(), b.enabled(),
                b.models() == null ? null : routes(b.models()), timeouts, price, gpu, b.tier(), b.draining());
    }

    private static java.math.BigDecimal usd(java.math.BigDecimal amount) {
        return amount.setScale(6, java.math.RoundingMode.HALF_UP);
    }

    private static List<BackendView.ModelRouteView> routes(List<BackendBody.Model> models) {
        List<BackendView.ModelRouteView> routes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            BackendBody.Model m = models.get(i);
            if (!seen.add(m.model())) {
                throw new ApiException(ApiError.invalidRequest("Model '" + m.model() + "' is listed twice.",
                        "models[" + i + "].model"));
            }
            String upstream = m.upstreamModel() == null || m.upstreamModel().isBlank() ? m.model() : m.upstreamModel();
            routes.add(new BackendView.ModelRouteView(m.model(), upstream, m.weight() == null ? 1 : m.weight(),
                    m.quality() == null ? 0 : m.quality()));
        }
        if (routes.stream().allMatch(r -> r.weight() == 0)) {
            throw new ApiException(ApiError.invalidRequest("At least one model needs a weight above 0; to take a "
                    + "backend out of rotation, drain or disable it.", "models[0].weight"));
        }
        return routes;
    }
}
