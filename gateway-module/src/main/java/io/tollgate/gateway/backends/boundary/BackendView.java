package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.backends.control.Timeouts;

import java.time.Instant;
import java.util.List;

/** A backend as the admin API and the portal show it: never its credential, only whether it has one. */
public record BackendView(String id, String name, String kind, String baseUrl, boolean hasApiKey,
                          Integer timeToFirstTokenMs, Integer tokensPerSecond, boolean enabled,
                          List<ModelRouteView> models, Instant createdAt, Timeouts timeouts, PriceView price,
                          GpuView gpu, String tier, boolean draining) {

    /** The GPUs a self-hosted backend runs on (null for a cloud API). */
    public record GpuView(String type, int count, int expectedTokensPerSecond) {
    }

    /** The price in force, in USD per 1M tokens, and since when (null: no price set, requests cost 0). */
    public record PriceView(java.math.BigDecimal input, java.math.BigDecimal cachedInput, java.math.BigDecimal output,
                            Instant validFrom) {
    }

    /** One model the backend serves: the public name clients ask for, the backend's own name, a routing weight. */
    public record ModelRouteView(String model, String upstreamModel, int weight, int quality) {
    }

    public boolean isSimulator() {
        return "simulator".equals(kind);
    }
}
