package io.tollgate.gateway.projects.boundary;

import jakarta.json.bind.annotation.JsonbNillable;

/** {@code organization.project} on the wire, as OpenAI's SDKs read it: {@code archived_at} null until archived. */
public record ProjectObject(String id, String object, String name, long createdAt, @JsonbNillable Long archivedAt,
                            String status) {

    static ProjectObject of(ProjectView p) {
        return new ProjectObject(p.id(), "organization.project", p.name(), p.createdAt().getEpochSecond(),
                p.archivedAt() == null ? null : p.archivedAt().getEpochSecond(), p.status());
    }
}
