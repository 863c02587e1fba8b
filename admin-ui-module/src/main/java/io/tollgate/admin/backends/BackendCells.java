package io.tollgate.admin.backends;

import io.tollgate.gateway.backends.boundary.BackendView;
import io.tollgate.gateway.backends.boundary.BackendView.ModelRouteView;

import io.tollgate.admin.common.Formats;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The text of each backend cell, kept apart from the grid so that it can be tested without a server. */
public final class BackendCells {

    static final String NONE = "—";

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CREATED_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private BackendCells() {
    }

    /** "Simulator" for the built-in simulator, so nobody mistakes it for a real provider. */
    public static String kind(BackendView backend) {
        if (backend.isSimulator()) {
            return "Simulator";
        }
        return switch (backend.kind()) {
            case "openai" -> "OpenAI-compatible";
            case "anthropic" -> "Anthropic";
            default -> backend.kind();
        };
    }

    /** Where requests go: the base URL, or for the simulator (which has none) its simulated speed. */
    public static String address(BackendView backend) {
        if (backend.baseUrl() != null && !backend.baseUrl().isBlank()) {
            return backend.baseUrl();
        }
        if (!backend.isSimulator()) {
            return NONE;
        }
        String speed = simulatedSpeed(backend);
        return speed.isEmpty() ? "in-process" : "in-process · " + speed;
    }

    private static String simulatedSpeed(BackendView backend) {
        StringBuilder speed = new StringBuilder();
        if (backend.timeToFirstTokenMs() != null) {
            speed.append(backend.timeToFirstTokenMs()).append(" ms to first token");
        }
        if (backend.tokensPerSecond() != null) {
            speed.append(speed.isEmpty() ? "" : ", ").append(backend.tokensPerSecond()).append(" tokens/s");
        }
        return speed.toString();
    }

    /**
     * One entry per model, "public → upstream (weight n)"; the arrow and the upstream name are left out where the
     * backend calls the model by its public name.
     */
    public static String models(BackendView backend) {
        return String.join(", ", modelLines(backend));
    }

    /** The same entries as {@link #models}, one per line; a dash alone for a backend without models. */
    public static List<String> modelLines(BackendView backend) {
        List<ModelRouteView> models = backend.models();
        if (models == null || models.isEmpty()) {
            return List.of(NONE);
        }
        return models.stream().map(BackendCells::model).toList();
    }

    static String model(ModelRouteView route) {
        String upstream = route.upstreamModel();
        boolean renamed = upstream != null && !upstream.isBlank() && !upstream.equals(route.model());
        return (renamed ? route.model() + " → " + upstream : route.model()) + " (weight " + route.weight() + ")";
    }

    public static String credential(BackendView backend) {
        return backend.hasApiKey() ? "Set" : "Not set";
    }

    public static String enabled(BackendView backend) {
        return backend.enabled() ? "Enabled" : "Disabled";
    }

    public static String created(BackendView backend) {
        return backend.createdAt() == null ? NONE : CREATED.format(backend.createdAt());
    }

    /** The day only, for the narrow column; {@link #created} has the minute. */
    public static String createdDate(BackendView backend) {
        return backend.createdAt() == null ? NONE : CREATED_DATE.format(backend.createdAt());
    }

    public static String tier(BackendView backend) {
        return "self_hosted".equals(backend.tier()) ? "Self-hosted" : "cloud".equals(backend.tier()) ? "Cloud"
                : backend.tier() == null ? NONE : backend.tier();
    }

    /** "2 × L40S" for a self-hosted backend, a dash for one priced per token. */
    public static String gpus(BackendView backend) {
        return backend.gpu() == null ? NONE : backend.gpu().count() + " × " + backend.gpu().type();
    }

    /** The price in force per 1M tokens, input / output: for GPU backends, the effective price Tollgate derived. */
    public static String price(BackendView backend) {
        if (backend.price() == null) {
            return "No price";
        }
        return Formats.usd(backend.price().input()) + " in / " + Formats.usd(backend.price().output()) + " out";
    }
}
