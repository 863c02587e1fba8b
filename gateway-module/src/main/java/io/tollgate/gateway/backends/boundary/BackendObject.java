package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.backends.control.SimulatorClient;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code organization.backend} on the wire: the credential never, only whether there is one; {@code base_url},
 * {@code price} and {@code gpu} as explicit nulls when unset; {@code simulator} only on a simulator.
 */
public record BackendObject(String object, String id, String name, String kind, @JsonbNillable String baseUrl,
                            boolean hasApiKey, boolean enabled, String tier, boolean draining,
                            List<BackendView.ModelRouteView> models, Timeouts timeouts, long createdAt,
                            @JsonbNillable Price price, @JsonbNillable Gpu gpu, Simulator simulator) {

    public record Timeouts(long connectMs, long firstByteMs, long idleMs, long totalMs) {
    }

    /**
     * USD per 1M tokens, without trailing zeros; {@code valid_from} in unix seconds. Yasson asks the type of an
     * object-valued property, not the property, whether a null is written: hence the type-level {@code @JsonbNillable}.
     */
    @JsonbNillable
    public record Price(@JsonbProperty("input_usd_per_1m") BigDecimal inputUsdPer1m,
                        @JsonbProperty("cached_input_usd_per_1m") BigDecimal cachedInputUsdPer1m,
                        @JsonbProperty("output_usd_per_1m") BigDecimal outputUsdPer1m, long validFrom) {
    }

    @JsonbNillable
    public record Gpu(String type, int count, int expectedTokensPerSecond) {
    }

    public record Simulator(int timeToFirstTokenMs, int tokensPerSecond) {
    }

    static BackendObject of(BackendView b) {
        var t = b.timeouts();
        var p = b.price();
        return new BackendObject("organization.backend", b.id(), b.name(), b.kind(), b.baseUrl(), b.hasApiKey(),
                b.enabled(), b.tier(), b.draining(), b.models(), new Timeouts(t.connect().toMillis(),
                t.firstByte().toMillis(), t.idle().toMillis(), t.total().toMillis()), b.createdAt().getEpochSecond(),
                p == null ? null : new Price(p.input().stripTrailingZeros(), p.cachedInput().stripTrailingZeros(),
                        p.output().stripTrailingZeros(), p.validFrom().getEpochSecond()),
                b.gpu() == null ? null : new Gpu(b.gpu().type(), b.gpu().count(), b.gpu().expectedTokensPerSecond()),
                b.isSimulator() ? new Simulator(
                b.timeToFirstTokenMs() == null ? SimulatorClient.DEFAULT_TTFT_MS : b.timeToFirstTokenMs(),
                b.tokensPerSecond() == null ? SimulatorClient.DEFAULT_TOKENS_PER_SECOND : b.tokensPerSecond()) : null);
    }
}
