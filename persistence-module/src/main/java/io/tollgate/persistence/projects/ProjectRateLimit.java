package io.tollgate.persistence.projects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** OpenAI's project rate limit for one model (null fields: no limit). */
@Entity
@Table(name = "project_rate_limits")
@IdClass(ProjectRateLimit.Key.class)
public class ProjectRateLimit {

    /** The composite primary key. */
    public record Key(String projectId, String model) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "project_id")
    private String projectId;

    @Id
    private String model;

    @Column(name = "max_requests_per_1_minute")
    private Integer maxRequestsPerMinute;

    @Column(name = "max_tokens_per_1_minute")
    private Integer maxTokensPerMinute;

    @Column(name = "max_requests_per_1_day")
    private Integer maxRequestsPerDay;

    protected ProjectRateLimit() {
    }

    public ProjectRateLimit(String projectId, String model) {
        this.projectId = Objects.requireNonNull(projectId);
        this.model = Objects.requireNonNull(model);
    }

    public void limit(Integer requestsPerMinute, Integer tokensPerMinute, Integer requestsPerDay) {
        this.maxRequestsPerMinute = requestsPerMinute;
        this.maxTokensPerMinute = tokensPerMinute;
        this.maxRequestsPerDay = requestsPerDay;
    }

    public String projectId() {
        return projectId;
    }

    public String model() {
        return model;
    }

    public Integer maxRequestsPerMinute() {
        return maxRequestsPerMinute;
    }

    public Integer maxTokensPerMinute() {
        return maxTokensPerMinute;
    }

    public Integer maxRequestsPerDay() {
        return maxRequestsPerDay;
    }
}
