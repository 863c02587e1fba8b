package io.tollgate.gateway.limits.boundary;

import io.tollgate.persistence.projects.ProjectSettings;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;

/** {@code organization.project.settings} on the wire: every limit present, as an explicit null when not set. */
public record ProjectSettingsObject(String object, String projectId,
                                    @JsonbNillable @JsonbProperty("max_requests_per_1_minute")
                                    Integer maxRequestsPer1Minute,
                                    @JsonbNillable @JsonbProperty("max_tokens_per_1_minute")
                                    Integer maxTokensPer1Minute,
                                    @JsonbNillable Long monthlyTokenQuota,
                                    @JsonbNillable Integer maxConcurrentRequests,
                                    String onDatabaseOutage, String defaultPriority) {

    static ProjectSettingsObject of(String projectId, ProjectSettings s) {
        return new ProjectSettingsObject("organization.project.settings", projectId, s.maxRequestsPerMinute(),
                s.maxTokensPerMinute(), s.monthlyTokenQuota(), s.maxConcurrentRequests(), s.onDatabaseOutage(),
                s.defaultPriority());
    }
}
