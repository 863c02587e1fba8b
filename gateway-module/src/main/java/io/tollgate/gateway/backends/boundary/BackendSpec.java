package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.JsonFields;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
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
    private static java.math.BigDecimal usd(JsonObject price, String field, boolean required) {
        JsonValue v = price.get(field);
        if (v == null && !required) {
            return null;
        }
        if (v instanceof jakarta.json.JsonNumber n && n.bigDecimalValue().signum() >= 0
                && n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(1_000_000)) < 0) {
            return n.bigDecimalValue().setScale(6, java.math.RoundingMode.HALF_UP);
        }
        throw new ApiException(ApiError.invalidRequest("'price." + field + "' must be a non-negative amount in USD per "
                + "1M tokens.", "price." + field));
    }

    public static BackendSpec parse(JsonValue body, boolean create) {
        JsonObject o = JsonFields.object(body);
        String name = create ? JsonFields.requiredString(o, "name", "name")
                : JsonFields.optionalString(o, "name", "name").orElse(null);
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw new ApiException(ApiError.invalidRequest("'name' must be 1 to 200 characters.", "name"));
        }
        String kind = create ? JsonFields.requiredString(o, "kind", "kind")
                : JsonFields.optionalString(o, "kind", "kind").orElse(null);
        if (kind != null && !KINDS.contains(kind)) {
            throw new ApiException(ApiError.invalidRequest("'kind' must be one of: openai, anthropic, simulator.", "kind"));
        }
        String baseUrl = JsonFields.optionalString(o, "base_url", "base_url").orElse(null);
        if (baseUrl != null) {
            checkUrl(baseUrl);
        }
        if (create && ("openai".equals(kind) || "anthropic".equals(kind)) && baseUrl == null) {
            throw new ApiException(ApiError.invalidRequest("Missing required parameter: 'base_url' (e.g. "
                    + ("anthropic".equals(kind) ? "https://api.anthropic.com/v1" : "http://vllm:8000/v1") + ").",
                    "base_url"));
        }
        boolean apiKeyGiven = o.containsKey("api_key");
        Optional<String> apiKey = JsonFields.optionalString(o, "api_key", "api_key").filter(s -> !s.isEmpty());
        Integer ttft = JsonFields.optionalInt(o, "time_to_first_token_ms", "time_to_first_token_ms", 0, 600_000).orElse(null);
        Integer tps = JsonFields.optionalInt(o, "tokens_per_second", "tokens_per_second", 1, 100_000).orElse(null);
        Boolean enabled = JsonFields.optionalBoolean(o, "enabled", "enabled").orElse(null);
        List<BackendView.ModelRouteView> models = null;
        JsonValue m = o.get("models");
        if (m != null && m != JsonValue.NULL) {
            models = models(m);
        } else if (create) {
            throw new ApiException(ApiError.invalidRequest("Missing required parameter: 'models'.", "models"));
        }
        TimeoutSpec timeouts = null;
        JsonValue t = o.get("timeouts");
        if (t != null && t != JsonValue.NULL) {
            if (!(t instanceof JsonObject to)) {
                throw new ApiException(ApiError.invalidRequest("'timeouts' must be an object.", "timeouts"));
            }
            int max = 86_400_000;
            timeouts = new TimeoutSpec(
                    JsonFields.optionalInt(to, "connect_ms", "timeouts.connect_ms", 1, max).orElse(null),
                    JsonFields.optionalInt(to, "first_byte_ms", "timeouts.first_byte_ms", 1, max).orElse(null),
                    JsonFields.optionalInt(to, "idle_ms", "timeouts.idle_ms", 1, max).orElse(null),
                    JsonFields.optionalInt(to, "total_ms", "timeouts.total_ms", 1, max).orElse(null));
        }
        PriceSpec price = null;
        JsonValue p = o.get("price");
        if (p != null && p != JsonValue.NULL) {
            if (!(p instanceof JsonObject po)) {
                throw new ApiException(ApiError.invalidRequest("'price' must be an object.", "price"));
            }
            var input = usd(po, "input_usd_per_1m", true);
            var output = usd(po, "output_usd_per_1m", true);
            var cached = usd(po, "cached_input_usd_per_1m", false);
            price = new PriceSpec(input, cached == null ? input : cached, output);
        }
        Optional<GpuSpec> gpu = null;
        if (o.containsKey("gpu")) {
            JsonValue g = o.get("gpu");
            if (g == JsonValue.NULL) {
                gpu = Optional.empty();
            } else if (g instanceof JsonObject go) {
                gpu = Optional.of(new GpuSpec(JsonFields.requiredString(go, "type", "gpu.type"),
                        JsonFields.optionalInt(go, "count", "gpu.count", 1, 4096).orElse(1),
                        JsonFields.optionalInt(go, "expected_tokens_per_second", "gpu.expected_tokens_per_second", 1,
                                10_000_000).orElse(1000)));
            } else {
                throw new ApiException(ApiError.invalidRequest("'gpu' must be an object or null.", "gpu"));
            }
            if (gpu.isPresent() && price != null) {
                throw new ApiException(ApiError.invalidRequest("A backend is priced per token ('price') or by its "
                        + "GPUs ('gpu'), not both.", "gpu"));
            }
        }
        String tier = JsonFields.optionalString(o, "tier", "tier").orElse(null);
        if (tier != null && !TIERS.contains(tier)) {
            throw new ApiException(ApiError.invalidRequest("'tier' must be self_hosted or cloud.", "tier"));
        }
        Boolean draining = JsonFields.optionalBoolean(o, "draining", "draining").orElse(null);
        return new BackendSpec(name, kind, baseUrl, apiKey, apiKeyGiven, ttft, tps, enabled, models, timeouts, price,
                gpu, tier, draining);
    }

    private static List<BackendView.ModelRouteView> models(JsonValue value) {
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new ApiException(ApiError.invalidRequest("'models' must be a non-empty array.", "models"));
        }
        List<BackendView.ModelRouteView> routes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "models[" + i + "]";
            if (!(array.get(i) instanceof JsonObject route)) {
                throw new ApiException(ApiError.invalidRequest("'" + at + "' must be an object.", at));
            }
            String model = JsonFields.requiredString(route, "model", at + ".model");
            String upstream = JsonFields.optionalString(route, "upstream_model", at + ".upstream_model")
                    .filter(s -> !s.isBlank()).orElse(model);
            int weight = JsonFields.optionalInt(route, "weight", at + ".weight", 0, 1_000_000).orElse(1);
            int quality = JsonFields.optionalInt(route, "quality", at + ".quality", 0, 100).orElse(0);
            if (!seen.add(model)) {
                throw new ApiException(ApiError.invalidRequest("Model '" + model + "' is listed twice.", at + ".model"));
            }
            routes.add(new BackendView.ModelRouteView(model, upstream, weight, quality));
        }
        if (routes.stream().allMatch(r -> r.weight() == 0)) {
            throw new ApiException(ApiError.invalidRequest("At least one model needs a weight above 0; to take a "
                    + "backend out of rotation, drain or disable it.", "models[0].weight"));
        }
        return routes;
    }

    private static void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.invalidRequest("'base_url' must be an http(s) URL such as "
                    + "http://vllm:8000/v1.", "base_url"));
        }
    }
}
