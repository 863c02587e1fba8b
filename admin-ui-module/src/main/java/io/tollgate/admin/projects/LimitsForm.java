package io.tollgate.admin.projects;

import io.tollgate.persistence.projects.ProjectSettings;

/**
 * A project's limits form as typed, for its Binder: each number checked with the admin API's own rule
 * ({@link LimitInput#rule}), empty or 0 meaning no limit, exactly as the API reads it.
 */
public record LimitsForm(Integer requestsPerMinute, Integer tokensPerMinute, Double monthlyTokenQuota,
                         Integer maxConcurrent, String onDatabaseOutage, String defaultPriority) {

    static LimitsForm of(ProjectSettings s) {
        return new LimitsForm(s.maxRequestsPerMinute(), s.maxTokensPerMinute(),
                s.monthlyTokenQuota() == null ? null : s.monthlyTokenQuota().doubleValue(), s.maxConcurrentRequests(),
                s.onDatabaseOutage(), s.defaultPriority());
    }

    /** The settings the facade takes; throws the API's 400 for a value its rule refuses. */
    ProjectSettings settings() {
        return new ProjectSettings(LimitInput.integer(requestsPerMinute, "max_requests_per_1_minute"),
                LimitInput.integer(tokensPerMinute, "max_tokens_per_1_minute"),
                LimitInput.longValue(monthlyTokenQuota, "monthly_token_quota"),
                LimitInput.integer(maxConcurrent, "max_concurrent_requests"), onDatabaseOutage, defaultPriority);
    }
}
