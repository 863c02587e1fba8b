package io.tollgate.persistence.admins;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who signs in to the portal. The password is kept only as a PBKDF2 hash. A tenant admin is bound to one
 * project (and only a tenant admin is: the database holds that).
 */
@Entity
@Table(name = "admin_users")
public class AdminUser {

    @Id
    private String id;

    @Column(nullable = false, unique = true)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String role;

    @Column(name = "project_id")
    private String projectId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AdminUser() {
    }

    public AdminUser(String id, String username, String passwordHash, String role, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.username = Objects.requireNonNull(username);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.role = Objects.requireNonNull(role);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String role() {
        return role;
    }

    /** The project a tenant admin serves; null for every other role. */
    public String projectId() {
        return projectId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** A role and the project that goes with it, changed together so the pair stays valid. */
    public AdminUser assign(String newRole, String newProjectId) {
        this.role = Objects.requireNonNull(newRole);
        this.projectId = newProjectId;
        return this;
    }

    public void changePassword(String newPasswordHash) {
        this.passwordHash = Objects.requireNonNull(newPasswordHash);
    }
}
