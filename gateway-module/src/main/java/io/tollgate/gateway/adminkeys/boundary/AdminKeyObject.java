package io.tollgate.gateway.adminkeys.boundary;

import io.tollgate.persistence.admins.AdminApiKey;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;

/**
 * {@code organization.admin_api_key} on the wire: {@code expires_at} and {@code last_used_at} null when unset, the
 * owner always the organization's own service account (admin keys here belong to no person), and {@code value} on
 * the answer to a create alone, left out everywhere else.
 */
public record AdminKeyObject(String object, String id, String name, String redactedValue, long createdAt,
                             @JsonbNillable Long expiresAt, @JsonbNillable Long lastUsedAt, Owner owner,
                             String value) {

    public record Owner(String type, String object, String id, String name, long createdAt, String role) {
    }

    static AdminKeyObject of(AdminApiKey k) {
        return of(k, null);
    }

    /** With the key's value: the only time it is shown. */
    static AdminKeyObject of(AdminApiKey k, String value) {
        long created = k.createdAt().getEpochSecond();
        return new AdminKeyObject("organization.admin_api_key", k.id(), k.name(), k.prefix(), created,
                epoch(k.expiresAt()), epoch(k.lastUsedAt()), new Owner("service_account",
                "organization.service_account", "tollgate", "Tollgate", created, "owner"), value);
    }

    private static Long epoch(Instant at) {
        return at == null ? null : at.getEpochSecond();
    }
}
