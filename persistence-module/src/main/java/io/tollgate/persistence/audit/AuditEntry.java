package io.tollgate.persistence.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One audited admin change. Only ever added. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(nullable = false, unique = true)
    private String id;

    @Column(nullable = false)
    private String type;

    @Column(name = "effective_at", nullable = false)
    private Instant effectiveAt;

    @Column(name = "project_id")
    private String projectId;

    @Column(name = "actor_type", nullable = false)
    private String actorType;

    @Column(name = "actor_id", nullable = false)
    private String actorId;

    @Column(name = "actor_name")
    private String actorName;

    @Column(name = "resource_id")
    private String resourceId;

    @Column(nullable = false)
    private String details;

    protected AuditEntry() {
    }

    public AuditEntry(String id, String type, Instant effectiveAt, String projectId, String actorType, String actorId,
                      String actorName, String resourceId, String details) {
        this.id = id;
        this.type = type;
        this.effectiveAt = effectiveAt;
        this.projectId = projectId;
        this.actorType = actorType;
        this.actorId = actorId;
        this.actorName = actorName;
        this.resourceId = resourceId;
        this.details = details;
    }

    public Long seq() {
        return seq;
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public Instant effectiveAt() {
        return effectiveAt;
    }

    public String projectId() {
        return projectId;
    }

    public String actorType() {
        return actorType;
    }

    public String actorId() {
        return actorId;
    }

    public String actorName() {
        return actorName;
    }

    public String resourceId() {
        return resourceId;
    }

    public String details() {
        return details;
    }
}
