package io.tollgate.admin.backends;

import io.tollgate.gateway.backends.boundary.BackendView;
import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.backends.boundary.BackendView.ModelRouteView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackendCellsTest {

    @Test
    void showsUpstreamNameOnlyWhereItDiffersFromThePublicOne() {
        BackendView backend = openAi(List.of(
                new ModelRouteView("gpt-4o", "gpt-4o-2024-08-06", 3, 0),
                new ModelRouteView("gpt-4o-mini", "gpt-4o-mini", 1, 0)));

        assertEquals("gpt-4o → gpt-4o-2024-08-06 (weight 3), gpt-4o-mini (weight 1)", BackendCells.models(backend));
    }

    @Test
    void putsEachModelOnItsOwnLine() {
        BackendView backend = openAi(List.of(
                new ModelRouteView("gpt-4o", "gpt-4o-2024-08-06", 3, 0),
                new ModelRouteView("gpt-4o-mini", "gpt-4o-mini", 1, 0)));

        assertEquals(List.of("gpt-4o → gpt-4o-2024-08-06 (weight 3)", "gpt-4o-mini (weight 1)"),
                BackendCells.modelLines(backend));
    }

    @Test
    void treatsMissingUpstreamNameAsThePublicOne() {
        assertEquals("llama (weight 2)", BackendCells.model(new ModelRouteView("llama", null, 2, 0)));
        assertEquals("llama (weight 2)", BackendCells.model(new ModelRouteView("llama", " ", 2, 0)));
    }

    @Test
    void showsDashForABackendWithoutModels() {
        assertEquals("—", BackendCells.models(openAi(List.of())));
        assertEquals("—", BackendCells.models(openAi(null)));
    }

    @Test
    void labelsTheSimulatorAndShowsItsSpeedInsteadOfAnAddress() {
        BackendView simulator = new BackendView("b_sim", "sim", "simulator", null, false, 200, 50, true,
                List.of(), Instant.EPOCH, Timeouts.DEFAULTS, null, null, "cloud", false);

        assertEquals("Simulator", BackendCells.kind(simulator));
        assertEquals("in-process · 200 ms to first token, 50 tokens/s", BackendCells.address(simulator));
    }

    @Test
    void labelsARealProviderAndShowsItsBaseUrl() {
        BackendView backend = openAi(List.of());

        assertEquals("OpenAI-compatible", BackendCells.kind(backend));
        assertEquals("https://api.example.test/v1", BackendCells.address(backend));
    }

    @Test
    void labelsAnAnthropicBackend() {
        BackendView backend = new BackendView("b_2", "claude", "anthropic", "https://api.anthropic.com/v1", true, null,
                null, true, List.of(), Instant.EPOCH, Timeouts.DEFAULTS, null, null, "cloud", false);

        assertEquals("Anthropic", BackendCells.kind(backend));
        assertEquals("https://api.anthropic.com/v1", BackendCells.address(backend));
    }

    @Test
    void showsCreationTimeInUtc() {
        BackendView backend = openAi(List.of());

        assertEquals("2025-03-04 05:06 UTC", BackendCells.created(backend));
        assertEquals("2025-03-04", BackendCells.createdDate(backend));
    }

    @Test
    void saysWhetherACredentialIsSetWithoutShowingIt() {
        assertEquals("Set", BackendCells.credential(openAi(List.of())));
    }

    private static BackendView openAi(List<ModelRouteView> models) {
        return new BackendView("b_1", "primary", "openai", "https://api.example.test/v1", true, null, null, true,
                models, Instant.parse("2025-03-04T05:06:07Z"), Timeouts.DEFAULTS, null, null, "cloud", false);
    }
}
