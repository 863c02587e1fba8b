package io.tollgate.persistence.admins;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/** A key for the admin REST API; like tenant keys, only its hash and visible prefix are kept. */
@Entity
@Table(name = "admin_api_keys")
public class AdminApiKey {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(name = "key_hash", nullable = false)
    private byte[] keyHash;

    @Column(nullable = false)
    private String prefix;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected AdminApiKey() {
    }

    public AdminApiKey(String id, String name, byte[] keyHash, String prefix, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.keyHash = keyHash.clone();
        this.prefix = Objects.requireNonNull(prefix);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public AdminApiKey expiringAt(Instant at) {
        expiresAt = at;
        return this;
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public String id() {
        return id;
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

    public Instant revokedAt() {
        return revokedAt;
    }
}
