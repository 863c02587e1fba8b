package io.tollgate.gateway.backends.boundary;

import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.config.control.ConfigChanged;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.CredentialCipher;
import io.tollgate.gateway.platform.Secrets;
import io.tollgate.persistence.backends.Backend;
import io.tollgate.persistence.backends.BackendPrice;
import io.tollgate.persistence.backends.GpuType;
import io.tollgate.persistence.backends.BackendStore;
import io.tollgate.persistence.backends.ModelRoute;
import io.tollgate.gateway.audit.control.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Backends as the admin API and the portal manage them. A change is committed to PostgreSQL and then reaches
 * every replica's routing snapshot (this one at once, the others by NOTIFY).
 */
@ApplicationScoped
public class BackendsFacade {

    @Inject
    BackendStore store;
    @Inject
    CredentialCipher cipher;
    @Inject
    Event<ConfigChanged> changed;
    @Inject
    AuditTrail audit;
    @Inject
    io.tollgate.gateway.backends.control.GpuPricing gpuPricing;

    @Transactional
    public List<BackendView> list() {
        return store.all().stream().map(this::view).toList();
    }

    @Transactional
    public Optional<BackendView> find(String id) {
        return store.find(id).map(this::view);
    }

    @Transactional
    public BackendView create(BackendSpec spec) {
        requireFreeName(spec.name(), null);
        Backend backend = new Backend(Secrets.newId("backend"), spec.name(), spec.kind(), Instant.now());
        // Unless told: GPUs of one's own (or the simulator) are the self-hosted tier, anything else a cloud API.
        backend.placeIn(spec.tier() != null ? spec.tier()
                : spec.gpu() != null && spec.gpu().isPresent() || "simulator".equals(spec.kind()) ? "self_hosted" : "cloud");
        apply(backend, spec);
        store.add(backend);
        reprice(backend, spec);
        audit.record("backend.created", null, backend.id(), AuditTrail.fields("data", AuditTrail.fields(
                "name", backend.name(), "kind", backend.kind(), "base_url", backend.baseUrl(), "tier", backend.tier())));
        changed.fire(new ConfigChanged("backends"));
        return view(backend);
    }

    @Transactional
    public BackendView modify(String id, BackendSpec spec) {
        Backend backend = store.find(id).orElseThrow(() -> notFound(id));
        String before = view(backend).toString();
        if (spec.kind() != null && !spec.kind().equals(backend.kind())) {
            throw new ApiException(ApiError.invalidRequest("A backend's kind cannot change; create a new backend.",
                    "kind"));
        }
        if (spec.name() != null) {
            requireFreeName(spec.name(), id);
            backend.rename(spec.name());
        }
        apply(backend, spec);
        if ("openai".equals(backend.kind()) && backend.baseUrl() == null) {
            throw new ApiException(ApiError.invalidRequest("Missing required parameter: 'base_url'.", "base_url"));
        }
        backend.touch(Instant.now());
        reprice(backend, spec);
        // The credential itself never reaches the audit log; only whether one was set or removed.
        audit.record("backend.updated", null, id, AuditTrail.fields("changes_requested", AuditTrail.fields(
                "spec", spec.toString().replaceAll("apiKey=Optional\\[[^]]*]", "apiKey=Optional[<set>]")),
                "before", AuditTrail.fields("backend", before)));
        changed.fire(new ConfigChanged("backends"));
        return view(backend);
    }

    /** Draining: no new requests go to the backend; those in flight finish. Resuming takes traffic again. */
    @Transactional
    public BackendView drain(String id, boolean draining) {
        Backend backend = store.find(id).orElseThrow(() -> notFound(id));
        backend.drain(draining);
        backend.touch(Instant.now());
        audit.record(draining ? "backend.drained" : "backend.resumed", null, id, null);
        changed.fire(new ConfigChanged("backends"));
        return view(backend);
    }

    @Transactional
    public void delete(String id) {
        store.remove(store.find(id).orElseThrow(() -> notFound(id)));
        audit.record("backend.deleted", null, id, null);
        changed.fire(new ConfigChanged("backends"));
    }

    private void apply(Backend backend, BackendSpec spec) {
        if (spec.baseUrl() != null) {
            backend.pointAt(spec.baseUrl());
        }
        if (spec.apiKeyGiven()) {
            backend.useCredential(spec.apiKey().map(cipher::encrypt).orElse(null));
        }
        if (spec.timeToFirstTokenMs() != null || spec.tokensPerSecond() != null) {
            backend.simulate(spec.timeToFirstTokenMs() != null ? spec.timeToFirstTokenMs() : backend.timeToFirstTokenMs(),
                    spec.tokensPerSecond() != null ? spec.tokensPerSecond() : backend.tokensPerSecond());
        }
        if (spec.timeouts() != null) {
            var t = spec.timeouts();
            backend.limitWaits(t.connectMs() != null ? t.connectMs() : backend.connectTimeoutMs(),
                    t.firstByteMs() != null ? t.firstByteMs() : backend.firstByteTimeoutMs(),
                    t.idleMs() != null ? t.idleMs() : backend.idleTimeoutMs(),
                    t.totalMs() != null ? t.totalMs() : backend.totalTimeoutMs());
        }
        if (spec.enabled() != null) {
            backend.enable(spec.enabled());
        }
        if (spec.tier() != null) {
            backend.placeIn(spec.tier());
        }
        if (spec.draining() != null) {
            backend.drain(spec.draining());
        }
        if (spec.gpu() != null) {
            BackendSpec.GpuSpec gpu = spec.gpu().orElse(null);
            if (gpu != null && store.gpuType(gpu.type()).isEmpty()) {
                throw new ApiException(ApiError.invalidRequest("Unknown GPU type '" + gpu.type() + "'; the catalogue "
                        + "has: " + store.gpuTypes().stream().map(GpuType::name).toList() + ".", "gpu.type"));
            }
            backend.runOn(gpu == null ? null : gpu.type(), gpu == null ? null : gpu.count(),
                    gpu == null ? null : gpu.expectedTokensPerSecond());
        }
        if (spec.models() != null) {
            backend.serve(spec.models().stream()
                    .map(m -> new ModelRoute(m.model(), m.upstreamModel(), m.weight(), m.quality())).toList());
        }
    }

    /** A new price version when the price changed; the old one stays for the requests it costed. */
    private void reprice(Backend backend, BackendSpec spec) {
        if (spec.gpu() != null && spec.gpu().isPresent()) {
            gpuPricing.repriceSoon();
        }
        BackendSpec.PriceSpec p = spec.price();
        if (p == null) {
            return;
        }
        boolean same = store.currentPrice(backend.id())
                .map(current -> current.samePriceAs(p.input(), p.cachedInput(), p.output())).orElse(false);
        if (!same) {
            store.addPrice(new BackendPrice(backend.id(), Instant.now(), p.input(), p.cachedInput(), p.output()));
        }
    }

    private void requireFreeName(String name, String exceptId) {
        if (store.nameTaken(name, exceptId)) {
            throw new ApiException(Refusal.CONFLICT.error("A backend named '" + name + "' already exists.",
                    "name"));
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(ApiError.notFound("No backend with id '" + id + "'."));
    }

    BackendView view(Backend b) {
        BackendView.PriceView price = store.currentPrice(b.id()).map(p -> new BackendView.PriceView(
                p.inputUsdPer1m(), p.cachedInputUsdPer1m(), p.outputUsdPer1m(), p.validFrom())).orElse(null);
        return new BackendView(b.id(), b.name(), b.kind(), b.baseUrl(), b.apiKeyEncrypted() != null,
                b.timeToFirstTokenMs(), b.tokensPerSecond(), b.enabled(),
                b.models().stream().map(m -> new BackendView.ModelRouteView(m.model(), m.upstreamModel(), m.weight(),
                        m.quality()))
                        .toList(),
                b.createdAt(), Timeouts.ofMillis(b.connectTimeoutMs(), b.firstByteTimeoutMs(), b.idleTimeoutMs(),
                        b.totalTimeoutMs()), price,
                b.gpuType() == null ? null : new BackendView.GpuView(b.gpuType(), b.gpuCount(),
                        b.expectedTokensPerSecond()), b.tier(), b.draining());
    }
}
