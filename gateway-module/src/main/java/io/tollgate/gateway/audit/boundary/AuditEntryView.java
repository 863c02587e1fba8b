package io.tollgate.gateway.audit.boundary;

import io.tollgate.persistence.audit.AuditEntry;

import java.time.Instant;

/** One audit log entry as the portal shows it; {@code details} is the event's JSON object. */
public record AuditEntryView(String id, String type, Instant effectiveAt, String projectId, String actorType,
                             String actorId, String actorName, String resourceId, String details) {

    static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.id(), e.type(), e.effectiveAt(), e.projectId(), e.actorType(), e.actorId(),
                e.actorName(), e.resourceId(), e.details());
    }
}
