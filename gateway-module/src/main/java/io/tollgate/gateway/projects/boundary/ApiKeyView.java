package io.tollgate.gateway.projects.boundary;

import io.tollgate.persistence.keys.ApiKey;

import java.time.Instant;

/**
 * A project API key as the admin API and the portal show it: its visible prefix, never its digest.
 *
 * @param allowedModels the model allow-list as a JSON array, or null for every model
 */
public record ApiKeyView(String id, String projectId, String name, String prefix, Instant createdAt,
                         Instant expiresAt, Instant revokedAt, Instant lastUsedAt, String serviceAccountId,
                         String allowedModels) {

    static ApiKeyView of(ApiKey k) {
        return new ApiKeyView(k.id(), k.projectId(), k.name(), k.prefix(), k.createdAt(), k.expiresAt(),
                k.revokedAt(), k.lastUsedAt(), k.serviceAccountId(), k.allowedModels());
    }
}
