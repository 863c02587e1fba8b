package io.tollgate.persistence.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/** A tenant's API key: only its SHA-256 hash and a visible prefix are kept, never the key. */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    @Id
    private String id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(nullable = false)
    private String name;

    @Column(name = "key_hash", nullable = false)
    private byte[] keyHash;

    @Column(nullable = false)
    private String prefix;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "service_account_id")
    private String serviceAccountId;

    /** A JSON array of the public model names this key may use; null for every model. */
    @Column(name = "allowed_models")
    private String allowedModels;

    protected ApiKey() {
    }

    public ApiKey(String id, String projectId, String name, byte[] keyHash, String prefix, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.projectId = Objects.requireNonNull(projectId);
        this.name = Objects.requireNonNull(name);
        this.keyHash = keyHash.clone();
        this.prefix = Objects.requireNonNull(prefix);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    /** The service account that owns this key. */
    public ApiKey ownedBy(String serviceAccount) {
        serviceAccountId = serviceAccount;
        return this;
    }

    /** Expiry and model allow-list (a JSON array, or null for every model). */
    public void restrict(Instant expiry, String allowedModelsJson) {
        expiresAt = expiry;
        allowedModels = allowedModelsJson;
    }

    public String allowedModels() {
        return allowedModels;
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String name() {
        return name;
    }

    public byte[] keyHash() {
        return keyHash.clone();
    }

    public String prefix() {
        return prefix;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public String serviceAccountId() {
        return serviceAccountId;
    }
}
