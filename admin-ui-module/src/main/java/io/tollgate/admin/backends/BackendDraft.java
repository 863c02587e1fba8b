package io.tollgate.admin.backends;

import io.tollgate.gateway.backends.boundary.BackendSpec;
import io.tollgate.gateway.backends.boundary.BackendView;
import io.tollgate.gateway.platform.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the backend form holds, turned into the admin API's request body and parsed by {@link BackendSpec#parse}: the
 * portal and {@code POST /v1/backends} check a backend with the same code and name a bad field the same way
 * ({@code base_url}, {@code models[1].weight}, {@code gpu.type}, …).
 *
 * <p>The API key is write-only: blank keeps the stored one, {@code removeApiKey} removes it.
 */
public record BackendDraft(String name, String kind, String baseUrl, String apiKey, boolean removeApiKey,
                           String tier, boolean enabled, Integer connectMs, Integer firstByteMs, Integer idleMs,
                           Integer totalMs, Integer timeToFirstTokenMs, Integer tokensPerSecond, List<ModelLine> models,
                           Pricing pricing, BigDecimal inputUsdPer1m, BigDecimal cachedInputUsdPer1m,
                           BigDecimal outputUsdPer1m, String gpuType, Integer gpuCount, Integer expectedTokensPerSecond,
                           boolean hadGpu) {

    /** How a backend's requests are costed: by tokens at a price, or by the GPUs it runs on. */
    public enum Pricing {
        PER_TOKEN, GPU
    }

    /** One model row of the form; null numbers take the API's defaults (weight 1, quality 0). */
    public record ModelLine(String model, String upstreamModel, Integer weight, Integer quality) {
    }

    /** An empty form for a new backend of this kind. */
    public static BackendDraft blank(String kind) {
        return new BackendDraft("", kind, "", "", false, null, true, null, null, null, null, null, null,
                List.of(new ModelLine("", "", 1, 0)), Pricing.PER_TOKEN, null, null, null, null, null, null, false);
    }

    /** The form filled from a stored backend; its credential is never read back, only whether it has one. */
    public static BackendDraft of(BackendView b) {
        List<ModelLine> models = b.models() == null ? List.of() : b.models().stream()
                .map(m -> new ModelLine(m.model(), m.upstreamModel(), m.weight(), m.quality())).toList();
        var t = b.timeouts();
        var price = b.gpu() == null ? b.price() : null;
        return new BackendDraft(b.name(), b.kind(), b.baseUrl() == null ? "" : b.baseUrl(), "", false, b.tier(),
                b.enabled(), t == null ? null : millis(t.connect()), t == null ? null : millis(t.firstByte()),
                t == null ? null : millis(t.idle()), t == null ? null : millis(t.total()), b.timeToFirstTokenMs(),
                b.tokensPerSecond(), models, b.gpu() == null ? Pricing.PER_TOKEN : Pricing.GPU,
                price == null ? null : price.input(), price == null ? null : price.cachedInput(),
                price == null ? null : price.output(), b.gpu() == null ? null : b.gpu().type(),
                b.gpu() == null ? null : b.gpu().count(), b.gpu() == null ? null : b.gpu().expectedTokensPerSecond(),
                b.gpu() != null);
    }

    private static Integer millis(Duration d) {
        return d == null ? null : Math.toIntExact(d.toMillis());
    }

    public boolean isSimulator() {
        return "simulator".equals(kind);
    }

    /** Checks the draft as the admin API would, throwing its ApiException (with the field's param) when it fails. */
    public BackendSpec spec(boolean create) {
        return BackendSpec.parse(toJson(create), create);
    }

    /** The admin API's request body for this draft: a create sends everything, a modify what the form can change. */
    public JsonObject toJson(boolean create) {
        JsonObjectBuilder o = Jsonp.PROVIDER.createObjectBuilder();
        o.add("name", name == null ? "" : name.strip());
        if (create && kind != null) {
            o.add("kind", kind);
        }
        if (!isSimulator() && baseUrl != null && !baseUrl.isBlank()) {
            o.add("base_url", baseUrl.strip());
        }
        if (removeApiKey) {
            o.addNull("api_key");
        } else if (apiKey != null && !apiKey.isEmpty()) {
            o.add("api_key", apiKey);
        }
        if (tier != null) {
            o.add("tier", tier);
        }
        o.add("enabled", enabled);
        if (isSimulator()) {
            addIfSet(o, "time_to_first_token_ms", timeToFirstTokenMs);
            addIfSet(o, "tokens_per_second", tokensPerSecond);
        }
        JsonObjectBuilder timeouts = Jsonp.PROVIDER.createObjectBuilder();
        addIfSet(timeouts, "connect_ms", connectMs);
        addIfSet(timeouts, "first_byte_ms", firstByteMs);
        addIfSet(timeouts, "idle_ms", idleMs);
        addIfSet(timeouts, "total_ms", totalMs);
        JsonObject builtTimeouts = timeouts.build();
        if (!builtTimeouts.isEmpty()) {
            o.add("timeouts", builtTimeouts);
        }
        JsonArrayBuilder lines = Jsonp.PROVIDER.createArrayBuilder();
        for (ModelLine m : models == null ? List.<ModelLine>of() : models) {
            JsonObjectBuilder line = Jsonp.PROVIDER.createObjectBuilder();
            if (m.model() != null && !m.model().isBlank()) {
                line.add("model", m.model().strip());
            }
            if (m.upstreamModel() != null && !m.upstreamModel().isBlank()) {
                line.add("upstream_model", m.upstreamModel().strip());
            }
            addIfSet(line, "weight", m.weight());
            addIfSet(line, "quality", m.quality());
            lines.add(line);
        }
        o.add("models", lines);
        if (pricing == Pricing.GPU) {
            JsonObjectBuilder gpu = Jsonp.PROVIDER.createObjectBuilder();
            if (gpuType != null && !gpuType.isBlank()) {
                gpu.add("type", gpuType);
            }
            addIfSet(gpu, "count", gpuCount);
            addIfSet(gpu, "expected_tokens_per_second", expectedTokensPerSecond);
            o.add("gpu", gpu);
        } else {
            if (hadGpu) {
                o.addNull("gpu");
            }
            if (inputUsdPer1m != null || outputUsdPer1m != null || cachedInputUsdPer1m != null) {
                JsonObjectBuilder price = Jsonp.PROVIDER.createObjectBuilder();
                addIfSet(price, "input_usd_per_1m", inputUsdPer1m);
                addIfSet(price, "cached_input_usd_per_1m", cachedInputUsdPer1m);
                addIfSet(price, "output_usd_per_1m", outputUsdPer1m);
                o.add("price", price);
            }
        }
        return o.build();
    }

    /** A modify request that only enables or disables a backend. */
    public static BackendSpec enabled(boolean enabled) {
        return BackendSpec.parse(Jsonp.PROVIDER.createObjectBuilder().add("enabled", enabled).build(), false);
    }

    /** The same draft with one model's weight changed (what the grid's quick weight edit saves). */
    public BackendDraft withWeight(String model, int weight) {
        List<ModelLine> changed = new ArrayList<>();
        for (ModelLine m : models) {
            changed.add(m.model().equals(model) ? new ModelLine(m.model(), m.upstreamModel(), weight, m.quality()) : m);
        }
        return new BackendDraft(name, kind, baseUrl, apiKey, removeApiKey, tier, enabled, connectMs, firstByteMs,
                idleMs, totalMs, timeToFirstTokenMs, tokensPerSecond, changed, pricing, inputUsdPer1m,
                cachedInputUsdPer1m, outputUsdPer1m, gpuType, gpuCount, expectedTokensPerSecond, hadGpu);
    }

    private static void addIfSet(JsonObjectBuilder o, String field, Integer value) {
        if (value != null) {
            o.add(field, value);
        }
    }

    private static void addIfSet(JsonObjectBuilder o, String field, BigDecimal value) {
        if (value != null) {
            o.add(field, value);
        }
    }
}
