package io.tollgate.gateway.adminkeys.boundary;

import io.tollgate.gateway.config.control.ConfigChanged;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Secrets;
import io.tollgate.persistence.Page;
import io.tollgate.persistence.admins.AdminApiKey;
import io.tollgate.persistence.admins.AdminStore;
import io.tollgate.gateway.audit.control.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Keys for the admin API itself: shown once, kept as hashes, optionally expiring, revocable. */
@ApplicationScoped
public class AdminKeysFacade {

    @Inject
    AdminStore store;
    @Inject
    Event<ConfigChanged> changed;
    @Inject
    AuditTrail audit;

    /** A key just created, with the only copy of its value. */
    public record CreatedAdminKey(AdminApiKey key, String value) {
    }

    @Transactional
    public CreatedAdminKey create(String name, Integer expiresInSeconds) {
        String value = Secrets.newAdminKey();
        Instant now = Instant.now();
        AdminApiKey key = new AdminApiKey(Secrets.newId("key"), name, Secrets.digest(value), Secrets.visiblePrefix(value),
                now).expiringAt(expiresInSeconds == null ? null : now.plusSeconds(expiresInSeconds));
        store.add(key);
        audit.record("admin_api_key.created", null, key.id(), AuditTrail.fields("data",
                AuditTrail.fields("name", name, "redacted_value", key.prefix())));
        changed.fire(new ConfigChanged("admin_api_keys"));
        return new CreatedAdminKey(key, value);
    }

    @Transactional
    public Page<AdminApiKey> page(String after, int limit) {
        return store.keyPage(after, limit);
    }

    @Transactional
    public AdminApiKey find(String id) {
        return store.key(id).orElseThrow(() -> new ApiException(ApiError.notFound("No admin API key with id '" + id + "'.")));
    }

    @Transactional
    public void revoke(String id) {
        find(id).revoke(Instant.now());
        audit.record("admin_api_key.deleted", null, id, null);
        changed.fire(new ConfigChanged("admin_api_keys"));
    }
}
