package io.tollgate.admin.projects;

import io.tollgate.gateway.limits.boundary.ProjectSettingsBody;
import io.tollgate.gateway.platform.binding.AdminBodies;
import io.tollgate.persistence.projects.ProjectSettings;

/**
 * A project's limits form as typed, for its Binder: each number checked with the admin API's own rule
 * ({@link LimitInput#rule}), empty or 0 meaning no limit, and on save the whole form checked as the API checks its
 * settings body ({@link ProjectSettingsBody}).
 */
public record LimitsForm(Integer requestsPerMinute, Integer tokensPerMinute, Double monthlyTokenQuota,
                         Integer maxConcurrent, String onDatabaseOutage, String defaultPriority) {

    static LimitsForm of(ProjectSettings s) {
        return new LimitsForm(s.maxRequestsPerMinute(), s.maxTokensPerMinute(),
                s.monthlyTokenQuota() == null ? null : s.monthlyTokenQuota().doubleValue(), s.maxConcurrentRequests(),
                s.onDatabaseOutage(), s.defaultPriority());
    }

    /** The settings the facade takes; throws the API's 400 for a value its rules refuse. */
    ProjectSettings settings() {
        ProjectSettingsBody body = new ProjectSettingsBody(
                LimitInput.whole(requestsPerMinute, "max_requests_per_1_minute"),
                LimitInput.whole(tokensPerMinute, "max_tokens_per_1_minute"),
                LimitInput.whole(monthlyTokenQuota, "monthly_token_quota"),
                LimitInput.whole(maxConcurrent, "max_concurrent_requests"), onDatabaseOutage, defaultPriority);
        AdminBodies.validate(body);
        return body.settings();
    }
}
