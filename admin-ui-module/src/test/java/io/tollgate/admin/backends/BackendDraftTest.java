package io.tollgate.admin.backends;

import io.tollgate.admin.backends.BackendDraft.ModelLine;
import io.tollgate.admin.backends.BackendDraft.Pricing;
import io.tollgate.gateway.backends.boundary.BackendSpec;
import io.tollgate.gateway.backends.boundary.BackendView;
import io.tollgate.gateway.backends.boundary.BackendView.ModelRouteView;
import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.platform.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendDraftTest {

    private static BackendDraft openAi(List<ModelLine> models) {
        return new BackendDraft("vllm-a", "openai", " http://vllm:8000/v1 ", "secret", false, null, true, 2000,
                null, null, null, null, null, models, Pricing.PER_TOKEN, new BigDecimal("0.5"), null,
                new BigDecimal("1.5"), null, null, null, false);
    }

    @Test
    void buildsTheAdminApisCreateBody() {
        BackendSpec spec = openAi(List.of(new ModelLine("llama", "meta/llama", 3, 80), new ModelLine("mini", "", null,
                null))).spec(true);

        assertEquals("vllm-a", spec.name());
        assertEquals("openai", spec.kind());
        assertEquals("http://vllm:8000/v1", spec.baseUrl());
        assertEquals("secret", spec.apiKey().orElseThrow());
        assertEquals(2000, spec.timeouts().connectMs());
        assertNull(spec.timeouts().firstByteMs());
        assertEquals(List.of(new ModelRouteView("llama", "meta/llama", 3, 80), new ModelRouteView("mini", "mini", 1, 0)),
                spec.models());
        assertEquals(0, new BigDecimal("1.5").compareTo(spec.price().output()));
        assertEquals(0, new BigDecimal("0.5").compareTo(spec.price().cachedInput()), "cached input defaults to input");
    }

    @Test
    void namesTheBadFieldAsTheApiDoes() {
        ApiException weight = assertThrows(ApiException.class, () -> openAi(List.of(new ModelLine("a", null, 1, null),
                new ModelLine("b", null, -2, null))).spec(true));
        assertEquals("models[1].weight", weight.error().param());

        ApiException missingModel = assertThrows(ApiException.class,
                () -> openAi(List.of(new ModelLine(" ", null, 1, 0))).spec(true));
        assertEquals("models[0].model", missingModel.error().param());

        ApiException noModels = assertThrows(ApiException.class, () -> openAi(List.of()).spec(true));
        assertEquals("models", noModels.error().param());

        BackendDraft noUrl = new BackendDraft("x", "openai", "", "", false, null, true, null, null, null, null, null,
                null, List.of(new ModelLine("m", null, 1, 0)), Pricing.PER_TOKEN, null, null, null, null, null, null,
                false);
        assertEquals("base_url", assertThrows(ApiException.class, () -> noUrl.spec(true)).error().param());
    }

    @Test
    void leavesTheStoredKeyAloneUnlessOneIsTypedOrRemoved() {
        BackendDraft keep = BackendDraft.of(stored(null));
        assertFalse(keep.toJson(false).containsKey("api_key"));
        assertFalse(keep.spec(false).apiKeyGiven());

        BackendDraft remove = new BackendDraft("vllm-a", "openai", "http://vllm:8000/v1", "", true, "cloud", true,
                null, null, null, null, null, null, keep.models(), Pricing.PER_TOKEN, null, null, null, null, null,
                null, false);
        JsonObject body = remove.toJson(false);
        assertEquals(JsonValue.NULL, body.get("api_key"));
        assertTrue(remove.spec(false).apiKeyGiven());
        assertTrue(remove.spec(false).apiKey().isEmpty());
    }

    @Test
    void neverSendsTheKindOnAModify() {
        assertFalse(BackendDraft.of(stored(null)).toJson(false).containsKey("kind"));
    }

    @Test
    void costsABackendByItsGpusOrByTokensNeverBoth() {
        BackendDraft gpu = new BackendDraft("vllm-a", "openai", "http://vllm:8000/v1", "", false, null, true, null,
                null, null, null, null, null, List.of(new ModelLine("m", null, 1, 0)), Pricing.GPU,
                new BigDecimal("9"), null, new BigDecimal("9"), "L40S", 2, 1500, false);
        BackendSpec spec = gpu.spec(true);
        assertEquals(new BackendSpec.GpuSpec("L40S", 2, 1500), spec.gpu().orElseThrow());
        assertNull(spec.price(), "the per-token price fields are not sent for a GPU backend");

        BackendDraft noType = new BackendDraft("vllm-a", "openai", "http://vllm:8000/v1", "", false, null, true, null,
                null, null, null, null, null, List.of(new ModelLine("m", null, 1, 0)), Pricing.GPU, null, null, null,
                null, 1, null, false);
        assertEquals("gpu.type", assertThrows(ApiException.class, () -> noType.spec(true)).error().param());
    }

    @Test
    void turnsAGpuBackendBackIntoAPerTokenOne() {
        BackendView onGpus = stored(new BackendView.GpuView("A10G", 1, 800));
        BackendDraft draft = BackendDraft.of(onGpus);
        assertEquals(Pricing.GPU, draft.pricing());
        assertEquals("A10G", draft.gpuType());

        BackendDraft perToken = new BackendDraft(draft.name(), draft.kind(), draft.baseUrl(), "", false, draft.tier(),
                true, null, null, null, null, null, null, draft.models(), Pricing.PER_TOKEN, new BigDecimal("1"),
                null, new BigDecimal("2"), null, null, null, draft.hadGpu());
        assertTrue(perToken.spec(false).gpu().isEmpty(), "gpu: null removes the GPUs");
    }

    @Test
    void fillsTheFormFromAStoredBackend() {
        BackendDraft draft = BackendDraft.of(stored(null));

        assertEquals("vllm-a", draft.name());
        assertEquals("", draft.apiKey(), "the credential is never read back");
        assertEquals(5000, draft.connectMs());
        assertEquals(List.of(new ModelLine("llama", "llama", 2, 50)), draft.models());
        assertEquals(0, new BigDecimal("0.2").compareTo(draft.inputUsdPer1m()));
    }

    @Test
    void changesOneModelsWeight() {
        BackendDraft changed = BackendDraft.of(stored(null)).withWeight("llama", 7);
        assertEquals(7, changed.spec(false).models().get(0).weight());
    }

    @Test
    void enablesOrDisablesAlone() {
        BackendSpec off = BackendDraft.enabled(false);
        assertEquals(Boolean.FALSE, off.enabled());
        assertNull(off.models());
        assertNull(off.name());
    }

    @Test
    void sendsTheSimulatorsSpeedButNoAddress() {
        BackendDraft sim = new BackendDraft("sim", "simulator", "http://ignored", "", false, null, true, null, null,
                null, null, 100, 40, List.of(new ModelLine("demo", null, 1, 0)), Pricing.PER_TOKEN, null, null, null,
                null, null, null, false);
        BackendSpec spec = sim.spec(true);
        assertNull(spec.baseUrl());
        assertEquals(100, spec.timeToFirstTokenMs());
        assertEquals(40, spec.tokensPerSecond());
    }

    private static BackendView stored(BackendView.GpuView gpu) {
        BackendView.PriceView price = new BackendView.PriceView(new BigDecimal("0.200000"),
                new BigDecimal("0.100000"), new BigDecimal("0.600000"), Instant.EPOCH);
        return new BackendView("backend_1", "vllm-a", "openai", "http://vllm:8000/v1", true, null, null, true,
                List.of(new ModelRouteView("llama", "llama", 2, 50)), Instant.EPOCH, Timeouts.DEFAULTS, price, gpu,
                "cloud", false);
    }
}
