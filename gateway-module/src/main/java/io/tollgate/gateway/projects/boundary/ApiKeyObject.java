package io.tollgate.gateway.projects.boundary;

import io.tollgate.gateway.platform.Jsonp;
import jakarta.json.JsonString;
import jakarta.json.bind.annotation.JsonbNillable;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * {@code organization.project.api_key} on the wire: OpenAI's fields ({@code last_used_at} null until used), then
 * Tollgate's own settings beside them, {@code expires_at} and {@code allowed_models}, null when unset. The key's
 * value is never here, only its visible prefix.
 */
public record ApiKeyObject(String object, String redactedValue, String name, long createdAt,
                           @JsonbNillable Long lastUsedAt, String id, String ownerProjectAccess, Owner owner,
                           @JsonbNillable Long expiresAt, @JsonbNillable List<String> allowedModels) {

    /** A service account and its account, or {@code user} alone: the keys Tollgate made itself (the demo key). */
    public record Owner(String type, Account serviceAccount) {
    }

    public record Account(String id, String name, String role, long createdAt) {
    }

    /** {@code owner} is the key's service account, or null for a key of Tollgate's own. */
    static ApiKeyObject of(ApiKeyView k, ServiceAccountView owner) {
        Owner ownedBy = owner == null ? new Owner("user", null) : new Owner("service_account",
                new Account(owner.id(), owner.name(), owner.role(), owner.createdAt().getEpochSecond()));
        return new ApiKeyObject("organization.project.api_key", k.prefix(), k.name(), k.createdAt().getEpochSecond(),
                epoch(k.lastUsedAt()), k.id(), "active", ownedBy, epoch(k.expiresAt()), allowedModels(k.allowedModels()));
    }

    /** The allow-list as stored (a JSON array of names), or null for every model. */
    static List<String> allowedModels(String json) {
        if (json == null) {
            return null;
        }
        try (var reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }

    private static Long epoch(Instant at) {
        return at == null ? null : at.getEpochSecond();
    }
}
