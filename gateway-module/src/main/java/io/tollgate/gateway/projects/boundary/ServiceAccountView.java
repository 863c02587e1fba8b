package io.tollgate.gateway.projects.boundary;

import io.tollgate.persistence.serviceaccounts.ServiceAccount;

import java.time.Instant;

/** A service account (the owner of project keys) as the admin API and the portal show it. */
public record ServiceAccountView(String id, String projectId, String name, String role, Instant createdAt) {

    static ServiceAccountView of(ServiceAccount a) {
        return new ServiceAccountView(a.id(), a.projectId(), a.name(), a.role(), a.createdAt());
    }
}
