package io.tollgate.admin.gpu;

import io.tollgate.admin.common.Formats;
import io.tollgate.gateway.backends.boundary.BackendView;
import io.tollgate.gateway.backends.boundary.GpuTypesFacade.GpuTypeView;
import io.tollgate.gateway.backends.boundary.GpuTypesFacade;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The figures of the GPU cost page, worked out apart from the grids so that they can be tested. */
public final class GpuCostCells {

    private GpuCostCells() {
    }

    /** Self-hosted backends first, then by the output price in force (cheapest first), then by name. */
    public static List<BackendView> costOrder(List<BackendView> backends) {
        return backends.stream().sorted(Comparator.comparing((BackendView b) -> b.gpu() == null)
                .thenComparing(b -> b.price() == null ? null : b.price().output(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(BackendView::name)).toList();
    }

    public static String gpus(BackendView b) {
        return b.gpu() == null ? Formats.NONE : b.gpu().count() + " × " + b.gpu().type();
    }

    /** What the GPUs cost a month, from the catalogue. */
    public static String monthly(BackendView b, List<GpuTypeView> catalogue) {
        return gpuType(b, catalogue).map(t -> Formats.usd(t.monthlyUsd().multiply(BigDecimal.valueOf(
                b.gpu().count())))).orElse(Formats.NONE);
    }

    /** USD per 1M tokens at the backend's expected throughput, as pricing costs it until it has measured enough. */
    public static String atExpectedThroughput(BackendView b, List<GpuTypeView> catalogue) {
        return gpuType(b, catalogue).map(t -> Formats.usd(GpuTypesFacade.effectivePerMillion(t.monthlyUsd(),
                b.gpu().count(), b.gpu().expectedTokensPerSecond() * 3600.0))).orElse(Formats.NONE);
    }

    /** The price in force per 1M output tokens: for GPU backends, the effective price pricing derived last. */
    public static String inForce(BackendView b) {
        return b.price() == null ? "No price" : Formats.usd(b.price().output());
    }

    public static String basis(BackendView b) {
        return b.gpu() != null ? "GPUs" : b.price() != null ? "Per-token price" : "Not costed";
    }

    private static Optional<GpuTypeView> gpuType(BackendView b, List<GpuTypeView> catalogue) {
        if (b.gpu() == null) {
            return Optional.empty();
        }
        return catalogue.stream().filter(t -> t.name().equals(b.gpu().type())).findFirst();
    }
}
