package io.tollgate.gateway.limits.boundary;

import io.tollgate.persistence.projects.ProjectSettings;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.Pattern;

import java.util.function.Predicate;

/**
 * The body of {@code POST …/projects/{project_id}/settings}, and what the portal's limits form checks before it
 * saves. Limits as in {@link RateLimitBody}; {@code on_database_outage} and {@code default_priority} left out or
 * null keep their value.
 */
public record ProjectSettingsBody(
        @JsonbProperty("max_requests_per_1_minute") @Limit(max = Integer.MAX_VALUE) Long maxRequestsPer1Minute,
        @JsonbProperty("max_tokens_per_1_minute") @Limit(max = Integer.MAX_VALUE) Long maxTokensPer1Minute,
        @Limit Long monthlyTokenQuota,
        @Limit(max = Integer.MAX_VALUE) Long maxConcurrentRequests,
        @Pattern(regexp = "fail_open|fail_closed", message = "must be 'fail_open' or 'fail_closed'")
        String onDatabaseOutage,
        // LimitsFacade.PRIORITIES, which a test holds this to.
        @Pattern(regexp = "cost|quality|balanced", message = "must be cost, quality or balanced")
        String defaultPriority) {

    private static final ProjectSettings NONE = new ProjectSettings(null, null, null, null, null, null);

    /** The settings a complete body asks for: the portal's form gives every field. */
    public ProjectSettings settings() {
        return applyTo(NONE, field -> true);
    }

    /** The settings this body asks for; {@code sent} tells which fields (by wire name) the client sent. */
    public ProjectSettings applyTo(ProjectSettings current, Predicate<String> sent) {
        return new ProjectSettings(
                LimitChanges.integer(sent, "max_requests_per_1_minute", maxRequestsPer1Minute,
                        current.maxRequestsPerMinute()),
                LimitChanges.integer(sent, "max_tokens_per_1_minute", maxTokensPer1Minute,
                        current.maxTokensPerMinute()),
                LimitChanges.longValue(sent, "monthly_token_quota", monthlyTokenQuota, current.monthlyTokenQuota()),
                LimitChanges.integer(sent, "max_concurrent_requests", maxConcurrentRequests,
                        current.maxConcurrentRequests()),
                onDatabaseOutage != null ? onDatabaseOutage : current.onDatabaseOutage(),
                defaultPriority != null ? defaultPriority : current.defaultPriority());
    }
}
