package io.tollgate.persistence.projects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A tenant. An archived project keeps its history but its keys stop working. */
@Entity
@Table(name = "projects")
public class Project {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String status = "active";

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "archived_at")
    private Instant archivedAt;

    @Column(name = "max_requests_per_1_minute")
    private Integer maxRequestsPerMinute;

    @Column(name = "max_tokens_per_1_minute")
    private Integer maxTokensPerMinute;

    @Column(name = "monthly_token_quota")
    private Long monthlyTokenQuota;

    @Column(name = "max_concurrent_requests")
    private Integer maxConcurrentRequests;

    @Column(name = "spend_limit_usd", precision = 14, scale = 4)
    private BigDecimal spendLimitUsd;

    @Column(name = "spend_limit_enforced", nullable = false)
    private boolean spendLimitEnforced = true;

    @Column(name = "on_database_outage", nullable = false)
    private String onDatabaseOutage = "fail_open";

    @Column(name = "default_priority", nullable = false)
    private String defaultPriority = "balanced";

    protected Project() {
    }

    public Project(String id, String name, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public void rename(String newName) {
        name = Objects.requireNonNull(newName);
    }

    public void archive(Instant at) {
        status = "archived";
        archivedAt = at;
    }

    public boolean isActive() {
        return "active".equals(status);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant archivedAt() {
        return archivedAt;
    }

    public ProjectSettings settings() {
        return new ProjectSettings(maxRequestsPerMinute, maxTokensPerMinute, monthlyTokenQuota, maxConcurrentRequests,
                onDatabaseOutage, defaultPriority);
    }

    public void configure(ProjectSettings settings) {
        maxRequestsPerMinute = settings.maxRequestsPerMinute();
        maxTokensPerMinute = settings.maxTokensPerMinute();
        monthlyTokenQuota = settings.monthlyTokenQuota();
        maxConcurrentRequests = settings.maxConcurrentRequests();
        onDatabaseOutage = Objects.requireNonNull(settings.onDatabaseOutage());
        defaultPriority = Objects.requireNonNull(settings.defaultPriority());
    }

    public ProjectSpendLimit spendLimit() {
        return new ProjectSpendLimit(spendLimitUsd, spendLimitEnforced);
    }

    public void limitSpend(ProjectSpendLimit limit) {
        spendLimitUsd = limit.thresholdUsd();
        spendLimitEnforced = limit.enforced();
    }
}
