package io.tollgate.gateway.projects.boundary;

import io.tollgate.persistence.projects.Project;

import java.time.Instant;

/** A project as the admin API and the portal show it. */
public record ProjectView(String id, String name, String status, Instant createdAt, Instant archivedAt) {

    static ProjectView of(Project p) {
        return new ProjectView(p.id(), p.name(), p.status(), p.createdAt(), p.archivedAt());
    }

    public boolean isActive() {
        return "active".equals(status);
    }
}
