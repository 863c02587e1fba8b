package io.tollgate.gateway.audit.control;

import io.tollgate.gateway.platform.Jsonp;
import io.tollgate.gateway.platform.Secrets;
import io.tollgate.persistence.audit.AuditEntry;
import io.tollgate.persistence.audit.AuditStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Records an admin change in the caller's transaction: it is audited exactly when it commits. Event types follow
 * OpenAI's audit log types where one exists ({@code project.created}, {@code api_key.deleted},
 * {@code rate_limit.updated}, …) and Tollgate's own otherwise ({@code backend.updated}, {@code gpu_type.updated}, …).
 */
@ApplicationScoped
public class AuditTrail {

    @Inject
    AuditStore store;
    @Inject
    AuditActor actor;

    /**
     * @param details what was asked for ({@code data} or {@code changes_requested}), as OpenAI's events carry it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String type, String projectId, String resourceId, JsonObject details) {
        String actorType;
        String actorId;
        String actorName;
        try {
            actorType = actor.type();
            actorId = actor.id();
            actorName = actor.name();
        } catch (ContextNotActiveException outsideARequest) {
            actorType = "session";
            actorId = "system";
            actorName = "Tollgate";
        }
        store.add(new AuditEntry("audit_log-" + Secrets.random(24), type, Instant.now(), projectId,
                actorType, actorId, actorName, resourceId, details == null ? "{}" : details.toString()));
    }

    /**
     * An event whose actor is not the request's (a sign-in: nobody is signed in yet). Organization-wide, as OpenAI's
     * login events are.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSession(String type, String userId, String userName, JsonObject details) {
        store.add(new AuditEntry("audit_log-" + Secrets.random(24), type, Instant.now(), null, "session",
                userId, userName, null, details == null ? "{}" : details.toString()));
    }

    /** {@code {"field": value, …}} from pairs, skipping nulls. */
    public static JsonObject fields(Object... pairs) {
        var b = Jsonp.PROVIDER.createObjectBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            String k = (String) pairs[i];
            if (v == null) {
                continue;
            }
            if (v instanceof Number n) {
                b.add(k, new java.math.BigDecimal(n.toString()));
            } else if (v instanceof Boolean bool) {
                b.add(k, bool);
            } else if (v instanceof jakarta.json.JsonValue json) {
                b.add(k, json);
            } else {
                b.add(k, v.toString());
            }
        }
        return b.build();
    }
}
