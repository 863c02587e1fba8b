package io.tollgate.gateway.limits.boundary;

import io.tollgate.persistence.projects.ProjectSpendLimit;
import io.tollgate.persistence.projects.ProjectSettings;
import io.tollgate.gateway.admins.control.PortalAccess;

import io.tollgate.gateway.config.control.ConfigChanged;
import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.persistence.projects.Project;
import io.tollgate.persistence.projects.ProjectRateLimit;
import io.tollgate.persistence.projects.ProjectStore;
import io.tollgate.gateway.audit.control.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project's limits, as the admin API and the portal read and change them. A change reaches this replica's
 * admission before the call returns, and every other replica within the snapshot's staleness bound (≤ 2 s).
 */
@ApplicationScoped
public class LimitsFacade {

    /** The routing priorities a project may default to (and a request may ask for). */
    public static final java.util.Set<String> PRIORITIES = io.tollgate.gateway.routing.control.Router.PRIORITIES;

    @Inject
    ProjectStore projects;
    @Inject
    GatewayConfig config;
    @Inject
    Event<ConfigChanged> changed;
    @Inject
    AuditTrail audit;
    @Inject
    io.tollgate.gateway.admission.control.Admission admissionLeases;

    /** One model's rate limit; null fields: no limit. */
    public record RateLimit(String model, Integer maxRequestsPerMinute, Integer maxTokensPerMinute,
                            Integer maxRequestsPerDay) {

        public String id() {
            return "rl-" + model;
        }
    }

    /** One entry per model the project may use (every model Tollgate serves) and per model with limits set. */
    @Transactional
    public List<RateLimit> rateLimits(String projectId) {
        find(projectId);
        Map<String, RateLimit> byModel = new TreeMap<>();
        config.current().servedModels().forEach(m -> byModel.put(m, new RateLimit(m, null, null, null)));
        for (ProjectRateLimit r : projects.rateLimits(projectId)) {
            byModel.put(r.model(), view(r));
        }
        return List.copyOf(byModel.values());
    }

    @Transactional
    public RateLimit updateRateLimit(String projectId, String rateLimitId,
                                     java.util.function.UnaryOperator<RateLimit> change) {
        active(projectId);
        RateLimit current = rateLimits(projectId).stream().filter(r -> r.id().equals(rateLimitId)).findFirst()
                .orElseThrow(() -> new ApiException(ApiError.notFound("No rate limit with id '" + rateLimitId
                        + "' in project '" + projectId + "'. Its id is 'rl-' and a model's name.")));
        RateLimit wanted = change.apply(current);
        ProjectRateLimit row = projects.rateLimit(projectId, current.model());
        row.limit(wanted.maxRequestsPerMinute(), wanted.maxTokensPerMinute(), wanted.maxRequestsPerDay());
        audit.record("rate_limit.updated", projectId, rateLimitId, AuditTrail.fields("changes_requested",
                AuditTrail.fields("max_requests_per_1_minute", wanted.maxRequestsPerMinute(),
                        "max_tokens_per_1_minute", wanted.maxTokensPerMinute(),
                        "max_requests_per_1_day", wanted.maxRequestsPerDay()),
                "before", AuditTrail.fields("max_requests_per_1_minute", current.maxRequestsPerMinute(),
                        "max_tokens_per_1_minute", current.maxTokensPerMinute(),
                        "max_requests_per_1_day", current.maxRequestsPerDay())));
        changed.fire(new ConfigChanged("project_rate_limits"));
        return view(row);
    }

    @Transactional
    public ProjectSettings settings(String projectId) {
        return find(projectId).settings();
    }

    @Transactional
    public ProjectSettings configure(String projectId, java.util.function.UnaryOperator<ProjectSettings> change) {
        Project project = active(projectId);
        ProjectSettings before = project.settings();
        project.configure(change.apply(before));
        audit.record("project.settings.updated", projectId, projectId, AuditTrail.fields(
                "changes_requested", AuditTrail.fields("settings", project.settings().toString()),
                "before", AuditTrail.fields("settings", before.toString())));
        changed.fire(new ConfigChanged("projects"));
        return project.settings();
    }

    /**
     * A project's hard spend limit and whether it is refusing requests now: the month's spend as leased by the
     * replicas (what was used plus what is reserved by requests in flight) has reached it.
     */
    public record SpendLimit(long thresholdCents, boolean enforcing) {
    }

    @Transactional
    public java.util.Optional<SpendLimit> spendLimit(String projectId) {
        ProjectSpendLimit limit = find(projectId).spendLimit();
        if (limit.thresholdUsd() == null) {
            return java.util.Optional.empty();
        }
        long cents = limit.thresholdUsd().movePointRight(2).longValue();
        long leasedNanoUsd = admissionLeases.spendLeased(projectId);
        return java.util.Optional.of(new SpendLimit(cents, leasedNanoUsd >= cents * 10_000_000L * 995 / 1000));
    }

    @Transactional
    public SpendLimit limitSpend(String projectId, long thresholdCents) {
        Project project = active(projectId);
        project.limitSpend(new ProjectSpendLimit(BigDecimal.valueOf(thresholdCents, 2), true));
        audit.record("spend_limit.updated", projectId, projectId, AuditTrail.fields("changes_requested",
                AuditTrail.fields("threshold_amount", thresholdCents, "currency", "USD", "interval", "month")));
        changed.fire(new ConfigChanged("projects"));
        return spendLimit(projectId).orElseThrow();
    }

    @Transactional
    public void removeSpendLimit(String projectId) {
        PortalAccess.require(projectId, PortalAccess.Use.CONFIGURE);
        Project project = find(projectId);
        if (project.spendLimit().thresholdUsd() == null) {
            throw new ApiException(ApiError.notFound("No spend limit is set for project '" + projectId + "'."));
        }
        project.limitSpend(new ProjectSpendLimit(null, true));
        audit.record("spend_limit.deleted", projectId, projectId, null);
        changed.fire(new ConfigChanged("projects"));
    }

    private static RateLimit view(ProjectRateLimit r) {
        return new RateLimit(r.model(), r.maxRequestsPerMinute(), r.maxTokensPerMinute(), r.maxRequestsPerDay());
    }

    private Project find(String id) {
        PortalAccess.require(id, PortalAccess.Use.READ);
        return projects.find(id).orElseThrow(() -> new ApiException(ApiError.notFound("No project with id '" + id
                + "'.")));
    }

    private Project active(String id) {
        PortalAccess.require(id, PortalAccess.Use.CONFIGURE);
        Project project = find(id);
        if (!project.isActive()) {
            throw new ApiException(ApiError.invalidRequest("Project '" + id + "' is archived and cannot be changed.",
                    "project_id"));
        }
        return project;
    }
}
