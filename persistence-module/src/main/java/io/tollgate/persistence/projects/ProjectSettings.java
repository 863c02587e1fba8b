package io.tollgate.persistence.projects;

/** Tollgate's own project-wide limits (null: no limit) and its choice for database outages. */
public record ProjectSettings(Integer maxRequestsPerMinute, Integer maxTokensPerMinute, Long monthlyTokenQuota,
                              Integer maxConcurrentRequests, String onDatabaseOutage, String defaultPriority) {
}
