package io.tollgate.admin.gpu;

import io.tollgate.gateway.backends.boundary.BackendView;
import io.tollgate.gateway.backends.boundary.GpuTypesFacade.GpuTypeView;
import io.tollgate.gateway.backends.control.Timeouts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GpuCostCellsTest {

    static final List<GpuTypeView> CATALOGUE = List.of(new GpuTypeView("L40S", 48, new BigDecimal("1460.00"),
            Instant.EPOCH));

    static BackendView backend(String name, BackendView.GpuView gpu, String outputPrice) {
        BackendView.PriceView price = outputPrice == null ? null : new BackendView.PriceView(new BigDecimal("1"),
                new BigDecimal("1"), new BigDecimal(outputPrice), Instant.EPOCH);
        return new BackendView("id-" + name, name, "openai", "http://x/v1", false, null, null, true, List.of(),
                Instant.EPOCH, Timeouts.DEFAULTS, price, gpu, gpu == null ? "cloud" : "self_hosted", false);
    }

    @Test
    void costsGpusFromTheCatalogue() {
        BackendView vllm = backend("vllm", new BackendView.GpuView("L40S", 2, 1000), "0.2");

        assertEquals("2 × L40S", GpuCostCells.gpus(vllm));
        assertEquals("$2,920.00", GpuCostCells.monthly(vllm, CATALOGUE));
        // 2 × 1460 / 730 h = $4/h over 3.6M tokens/h = $1.11 per 1M
        assertEquals("$1.111111", GpuCostCells.atExpectedThroughput(vllm, CATALOGUE));
        assertEquals("GPUs", GpuCostCells.basis(vllm));
    }

    @Test
    void showsDashesForACloudBackendOrAnUnknownGpu() {
        BackendView cloud = backend("openai", null, "10");
        assertEquals("—", GpuCostCells.monthly(cloud, CATALOGUE));
        assertEquals("—", GpuCostCells.atExpectedThroughput(cloud, CATALOGUE));
        assertEquals("$10.00", GpuCostCells.inForce(cloud));
        assertEquals("Per-token price", GpuCostCells.basis(cloud));
        BackendView unknown = backend("h100", new BackendView.GpuView("H100", 1, 1000), null);
        assertEquals("—", GpuCostCells.monthly(unknown, CATALOGUE));
        assertEquals("No price", GpuCostCells.inForce(unknown));
    }

    @Test
    void listsSelfHostedFirstThenCheapest() {
        List<BackendView> ordered = GpuCostCells.costOrder(List.of(backend("cloud-dear", null, "10"),
                backend("cloud-cheap", null, "0.6"), backend("gpu", new BackendView.GpuView("L40S", 1, 500), "3"),
                backend("cloud-free", null, null)));

        assertEquals(List.of("gpu", "cloud-cheap", "cloud-dear", "cloud-free"),
                ordered.stream().map(BackendView::name).toList());
    }

    @Test
    void checksCatalogueEntriesAsTheApiDoes() {
        assertEquals("L40S", GpuCostView.GpuInput.name(" L40S "));
        assertEquals("name", assertThrows(io.tollgate.gateway.platform.ApiException.class,
                () -> GpuCostView.GpuInput.name("bad name")).error().param());
        assertEquals("memory_gb", assertThrows(io.tollgate.gateway.platform.ApiException.class,
                () -> GpuCostView.GpuInput.body(0, null)).error().param());
        assertEquals(new BigDecimal("1200.50"), GpuCostView.GpuInput.body(80, new BigDecimal("1200.5"))
                .monthlyToTheCent());
        assertEquals("monthly_usd", assertThrows(io.tollgate.gateway.platform.ApiException.class,
                () -> GpuCostView.GpuInput.body(80, new BigDecimal("-1"))).error().param());
    }
}
