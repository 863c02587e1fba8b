package io.tollgate.gateway.config.control;

import io.tollgate.gateway.backends.control.BackendClient;
import io.tollgate.gateway.backends.control.Price;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the request path needs, held in memory and replaced whole on every reload: who may call (key digests),
 * which backends serve which model. Immutable, so a request sees one consistent version without locks.
 */
public record GatewaySnapshot(Map<String, TenantKey> tenantKeys, Map<String, AdminKey> adminKeys,
                              Map<String, List<Deployment>> deploymentsByModel, Map<String, ProjectLimits> projectLimits,
                              Map<String, String> modelStrategies, Map<String, String> projectPriorities,
                              Instant loadedAt) {

    public static final GatewaySnapshot EMPTY = new GatewaySnapshot(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
            Map.of(), Instant.EPOCH);

    /** The routing strategy configured for a public model (null: the default). */
    public String strategy(String model) {
        return modelStrategies.get(model);
    }

    /** A project's default routing priority when a request names none: cost, quality or balanced. */
    public String priority(String projectId) {
        return projectPriorities.getOrDefault(projectId, "balanced");
    }

    /** A usable tenant key, found by the hex SHA-256 digest of the key. */
    public record TenantKey(String keyId, String projectId, byte[] digest, Instant expiresAt, Set<String> allowedModels) {

        public boolean expiredAt(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    /**
     * One backend serving one public model, with the client that talks to it, its price now, its tier
     * ({@code self_hosted} or {@code cloud}), the deployment's quality rank (higher is better) and whether the backend
     * is being drained (no new requests).
     */
    public record Deployment(String backendId, String backendName, String upstreamModel, int weight,
                             BackendClient client, Price price, String tier, int quality, boolean draining) {

        public boolean selfHosted() {
            return "self_hosted".equals(tier);
        }
    }

    /** A project's limits; null fields and absent models mean no limit. */
    public record ProjectLimits(Integer requestsPerMinute, Integer tokensPerMinute, Long monthlyTokenQuota,
                                Integer maxConcurrentRequests, Long spendLimitNanoUsd, boolean spendLimitEnforced,
                                boolean failOpen, Map<String, ModelLimits> models) {

        public static final ProjectLimits NONE = new ProjectLimits(null, null, null, null, null, true, true, Map.of());

        public ModelLimits model(String model) {
            return models.get(model);
        }
    }

    /** OpenAI's per-model project rate limit; null fields mean no limit. */
    public record ModelLimits(Integer requestsPerMinute, Integer tokensPerMinute, Integer requestsPerDay) {
    }

    /** An admin API key, found by the hex SHA-256 digest of the key. */
    public record AdminKey(String keyId, byte[] digest) {
    }

    public ProjectLimits limits(String projectId) {
        return projectLimits.getOrDefault(projectId, ProjectLimits.NONE);
    }

    /** The id of the admin API key with this SHA-256 digest, decided by a constant-time comparison. */
    public Optional<String> adminKeyId(byte[] digest) {
        AdminKey key = adminKeys.get(java.util.HexFormat.of().formatHex(digest));
        return key != null && java.security.MessageDigest.isEqual(key.digest(), digest)
                ? Optional.of(key.keyId()) : Optional.empty();
    }

    public Optional<TenantKey> tenantKey(String digestHex) {
        return Optional.ofNullable(tenantKeys.get(digestHex));
    }

    public List<Deployment> deployments(String model) {
        return deploymentsByModel.getOrDefault(model, List.of());
    }

    /** Models with at least one deployment that takes traffic. */
    public Set<String> servedModels() {
        return deploymentsByModel.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(d -> d.weight() > 0))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
