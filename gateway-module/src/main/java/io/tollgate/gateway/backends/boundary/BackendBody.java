package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.platform.binding.HttpUrl;
import io.tollgate.gateway.platform.binding.IntRange;
import io.tollgate.gateway.platform.binding.OnCreate;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code POST /v1/organization/backends} (create, {@link OnCreate}) and of a change to one (every field
 * optional). The rules that span fields — a base URL for a cloud kind, price or GPUs but not both, each model once —
 * are {@link BackendSpec#of}'s.
 */
public record BackendBody(
        @NotBlank(groups = OnCreate.class) @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
        @Pattern(regexp = "(?s).*\\S.*", message = "must be 1 to 200 characters") String name,
        @NotNull(groups = OnCreate.class)
        @Pattern(regexp = "openai|anthropic|simulator", message = "must be one of: openai, anthropic, simulator")
        String kind,
        @HttpUrl(message = "must be an http(s) URL such as http://vllm:8000/v1") String baseUrl,
        String apiKey,
        @IntRange(min = 0, max = 600_000) Integer timeToFirstTokenMs,
        @IntRange(min = 1, max = 100_000) Integer tokensPerSecond,
        Boolean enabled,
        @NotNull(groups = OnCreate.class) @Size(min = 1, message = "must be a non-empty array")
        List<@Valid Model> models,
        @Valid Timeouts timeouts,
        @Valid Price price,
        @Valid Gpu gpu,
        @Pattern(regexp = "self_hosted|cloud", message = "must be self_hosted or cloud") String tier,
        Boolean draining) {

    /** A model the backend serves; left out, upstream_model is the model's own name, weight 1, quality 0. */
    public record Model(@NotBlank String model, String upstreamModel, @IntRange(min = 0, max = 1_000_000) Integer weight,
                        @IntRange(min = 0, max = 100) Integer quality) {
    }

    /** Milliseconds; a field left out keeps the stored value (or the default). */
    public record Timeouts(@IntRange(min = 1, max = 86_400_000) Integer connectMs,
                           @IntRange(min = 1, max = 86_400_000) Integer firstByteMs,
                           @IntRange(min = 1, max = 86_400_000) Integer idleMs,
                           @IntRange(min = 1, max = 86_400_000) Integer totalMs) {
    }

    /** USD per 1M tokens; cached input costs as input unless given. */
    public record Price(@JsonbProperty("input_usd_per_1m") @NotNull @Usd BigDecimal inputUsdPer1m,
                        @JsonbProperty("cached_input_usd_per_1m") @Usd BigDecimal cachedInputUsdPer1m,
                        @JsonbProperty("output_usd_per_1m") @NotNull @Usd BigDecimal outputUsdPer1m) {
    }

    /** A catalogue GPU type, how many, and the throughput to cost it at until measured. */
    public record Gpu(@NotBlank String type, @IntRange(min = 1, max = 4096) Integer count,
                      @IntRange(min = 1, max = 10_000_000) Integer expectedTokensPerSecond) {
    }

    /** A price in USD per 1M tokens: from 0 to under a million. */
    @DecimalMin("0")
    @DecimalMax(value = "1000000", inclusive = false)
    @jakarta.validation.ReportAsSingleViolation
    @jakarta.validation.Constraint(validatedBy = {})
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target({java.lang.annotation.ElementType.FIELD, java.lang.annotation.ElementType.METHOD,
            java.lang.annotation.ElementType.PARAMETER})
    public @interface Usd {
        String message() default "must be a non-negative amount in USD per 1M tokens";

        Class<?>[] groups() default {};

        Class<? extends jakarta.validation.Payload>[] payload() default {};
    }
}
