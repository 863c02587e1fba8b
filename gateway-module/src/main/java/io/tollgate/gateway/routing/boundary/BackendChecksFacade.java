package io.tollgate.gateway.routing.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.CredentialCipher;
import io.tollgate.gateway.routing.control.BackendHealth;
import io.tollgate.gateway.routing.control.FleetHealth;
import io.tollgate.persistence.backends.Backend;
import io.tollgate.persistence.backends.BackendStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** "Test connection": one backend probed now, through the same code the fleet's health checks run. */
@ApplicationScoped
public class BackendChecksFacade {

    @Inject
    BackendStore store;
    @Inject
    CredentialCipher cipher;
    @Inject
    FleetHealth health;

    /** Takes at most the probe timeout (5 s); a stored credential that no longer decrypts is probed without. */
    public BackendHealth testConnection(String backendId) {
        Target t = target(backendId);
        return health.probeNow(t.id, t.kind, t.baseUrl, t.apiKey, t.selfHosted);
    }

    private record Target(String id, String kind, String baseUrl, String apiKey, boolean selfHosted) {
    }

    // The transaction ends before the probe: no connection is held while the backend answers.
    @Transactional
    Target target(String backendId) {
        Backend b = store.find(backendId).orElseThrow(() -> new ApiException(ApiError.notFound(
                "No backend with id '" + backendId + "'.")));
        String key = null;
        if (b.apiKeyEncrypted() != null) {
            try {
                key = cipher.decrypt(b.apiKeyEncrypted());
            } catch (RuntimeException e) {
                key = null;
            }
        }
        return new Target(b.id(), b.kind(), b.baseUrl(), key, "self_hosted".equals(b.tier()));
    }
}
