package io.tollgate.persistence.backends;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An upstream that serves models: an OpenAI-compatible HTTP server or the built-in simulator.
 * Its provider credential is kept only encrypted.
 */
@Entity
@Table(name = "backends")
public class Backend {

    @Id
    private String id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(nullable = false)
    private String kind;

    @Column(name = "base_url")
    private String baseUrl;

    @Column(name = "api_key_encrypted")
    private String apiKeyEncrypted;

    @Column(name = "ttft_ms")
    private Integer timeToFirstTokenMs;

    @Column(name = "tokens_per_second")
    private Integer tokensPerSecond;

    @Column(name = "connect_timeout_ms")
    private Integer connectTimeoutMs;

    @Column(name = "first_byte_timeout_ms")
    private Integer firstByteTimeoutMs;

    @Column(name = "idle_timeout_ms")
    private Integer idleTimeoutMs;

    @Column(name = "total_timeout_ms")
    private Integer totalTimeoutMs;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(nullable = false)
    private String tier = "cloud";

    @Column(nullable = false)
    private boolean draining;

    @Column(name = "gpu_type")
    private String gpuType;

    @Column(name = "gpu_count")
    private Integer gpuCount;

    @Column(name = "expected_tokens_per_second")
    private Integer expectedTokensPerSecond;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "backend_models", joinColumns = @JoinColumn(name = "backend_id"))
    private List<ModelRoute> models = new ArrayList<>();

    protected Backend() {
    }

    public Backend(String id, String name, String kind, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.updatedAt = createdAt;
        // The built-in simulator stands in for a GPU server of one's own.
        this.tier = "simulator".equals(kind) ? "self_hosted" : "cloud";
    }

    public void rename(String newName) {
        name = Objects.requireNonNull(newName);
    }

    public void pointAt(String newBaseUrl) {
        baseUrl = newBaseUrl;
    }

    public void useCredential(String encrypted) {
        apiKeyEncrypted = encrypted;
    }

    public void simulate(Integer ttftMs, Integer tokensPerSecondValue) {
        timeToFirstTokenMs = ttftMs;
        tokensPerSecond = tokensPerSecondValue;
    }

    /** Timeouts in milliseconds; null means Tollgate's default. */
    public void limitWaits(Integer connectMs, Integer firstByteMs, Integer idleMs, Integer totalMs) {
        connectTimeoutMs = connectMs;
        firstByteTimeoutMs = firstByteMs;
        idleTimeoutMs = idleMs;
        totalTimeoutMs = totalMs;
    }

    /** Self-hosted on GPUs of a catalogue type (null: a cloud API priced per token). */
    public void runOn(String type, Integer count, Integer expectedTokensPerSecondValue) {
        gpuType = type;
        gpuCount = type == null ? null : count;
        expectedTokensPerSecond = type == null ? null : expectedTokensPerSecondValue;
    }

    /** {@code self_hosted} (GPUs of one's own) or {@code cloud} (a provider's API). */
    public void placeIn(String newTier) {
        tier = java.util.Objects.requireNonNull(newTier);
    }

    public String tier() {
        return tier;
    }

    /** A draining backend takes no new requests; those in flight finish. */
    public void drain(boolean value) {
        draining = value;
    }

    public boolean draining() {
        return draining;
    }

    public String gpuType() {
        return gpuType;
    }

    public Integer gpuCount() {
        return gpuCount;
    }

    public Integer expectedTokensPerSecond() {
        return expectedTokensPerSecond;
    }

    public void enable(boolean value) {
        enabled = value;
    }

    public void serve(List<ModelRoute> routes) {
        models.clear();
        models.addAll(routes);
    }

    public void touch(Instant at) {
        updatedAt = at;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String kind() {
        return kind;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String apiKeyEncrypted() {
        return apiKeyEncrypted;
    }

    public Integer timeToFirstTokenMs() {
        return timeToFirstTokenMs;
    }

    public Integer tokensPerSecond() {
        return tokensPerSecond;
    }

    public Integer connectTimeoutMs() {
        return connectTimeoutMs;
    }

    public Integer firstByteTimeoutMs() {
        return firstByteTimeoutMs;
    }

    public Integer idleTimeoutMs() {
        return idleTimeoutMs;
    }

    public Integer totalTimeoutMs() {
        return totalTimeoutMs;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<ModelRoute> models() {
        return List.copyOf(models);
    }
}
