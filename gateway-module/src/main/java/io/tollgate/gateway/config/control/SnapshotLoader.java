package io.tollgate.gateway.config.control;

import io.tollgate.gateway.backends.control.BackendClient;
import io.tollgate.gateway.backends.control.HttpUpstream;
import io.tollgate.gateway.backends.control.OpenAiCompatibleClient;
import io.tollgate.gateway.backends.control.Price;
import io.tollgate.gateway.backends.control.SharedTransport;
import io.tollgate.gateway.backends.control.SimulatorClient;
import io.tollgate.gateway.backends.control.Timeouts;
import io.tollgate.gateway.backends.control.anthropic.AnthropicClient;
import io.tollgate.gateway.platform.CredentialCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads keys and backends from PostgreSQL into a fresh {@link GatewaySnapshot}: three queries, plain JDBC, so it runs
 * on the listener's own connection as well as on a pooled one.
 */
@ApplicationScoped
public class SnapshotLoader {

    private static final Logger LOG = Logger.getLogger(SnapshotLoader.class.getName());

    private static final String TENANT_KEYS = """
            select k.id, k.project_id, k.key_hash, k.expires_at, k.allowed_models from api_keys k
            join projects p on p.id = k.project_id
            where k.revoked_at is null and p.status = 'active'""";
    private static final String ADMIN_KEYS = """
            select key_hash, id from admin_api_keys where revoked_at is null and (expires_at is null or expires_at > now())""";
    private static final String DEPLOYMENTS = """
            select b.id, b.name, b.kind, b.base_url, b.api_key_encrypted, b.ttft_ms, b.tokens_per_second,
                   m.model, m.upstream_model, m.weight,
                   b.connect_timeout_ms, b.first_byte_timeout_ms, b.idle_timeout_ms, b.total_timeout_ms,
                   b.tier, m.quality, b.draining
            from backends b join backend_models m on m.backend_id = b.id
            where b.enabled order by b.created_at, b.id, m.model""";
    private static final String PRICES = """
            select distinct on (backend_id) backend_id, valid_from, input_usd_per_1m, cached_input_usd_per_1m,
                   output_usd_per_1m
            from backend_prices where valid_from <= now() order by backend_id, valid_from desc""";
    private static final String PROJECT_LIMITS = """
            select id, max_requests_per_1_minute, max_tokens_per_1_minute, monthly_token_quota, max_concurrent_requests,
                   spend_limit_usd, spend_limit_enforced, on_database_outage
            from projects where status = 'active'""";
    private static final String MODEL_LIMITS = """
            select r.project_id, r.model, r.max_requests_per_1_minute, r.max_tokens_per_1_minute,
                   r.max_requests_per_1_day
            from project_rate_limits r join projects p on p.id = r.project_id where p.status = 'active'""";

    @Inject
    SharedTransport transport;
    @Inject
    CredentialCipher cipher;

    public GatewaySnapshot load(Connection c) throws SQLException {
        HexFormat hex = HexFormat.of();
        Map<String, GatewaySnapshot.TenantKey> keys = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(TENANT_KEYS); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                byte[] digest = rs.getBytes(3);
                Timestamp expires = rs.getTimestamp(4);
                keys.put(hex.formatHex(digest), new GatewaySnapshot.TenantKey(rs.getString(1), rs.getString(2), digest,
                        expires == null ? null : expires.toInstant(), allowedModels(rs.getString(5))));
            }
        }
        Map<String, GatewaySnapshot.AdminKey> adminKeys = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(ADMIN_KEYS); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                byte[] digest = rs.getBytes(1);
                adminKeys.put(hex.formatHex(digest), new GatewaySnapshot.AdminKey(rs.getString(2), digest));
            }
        }
        Map<String, Price> prices = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(PRICES); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                prices.put(rs.getString(1), new Price(rs.getTimestamp(2).toInstant(), rs.getDouble(3),
                        rs.getDouble(4), rs.getDouble(5)));
            }
        }
        Map<String, List<GatewaySnapshot.Deployment>> byModel = new HashMap<>();
        Map<String, BackendClient> clients = new HashMap<>();
        Set<String> skipped = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement(DEPLOYMENTS); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String backendId = rs.getString(1);
                String name = rs.getString(2);
                if (skipped.contains(backendId)) {
                    continue;
                }
                BackendClient client = clients.get(backendId);
                if (client == null) {
                    Timeouts timeouts = Timeouts.ofMillis((Integer) rs.getObject(11), (Integer) rs.getObject(12),
                            (Integer) rs.getObject(13), (Integer) rs.getObject(14));
                    client = clientFor(name, rs.getString(3), rs.getString(4), rs.getString(5),
                            (Integer) rs.getObject(6), (Integer) rs.getObject(7), timeouts);
                    if (client == null) {
                        skipped.add(backendId);
                        continue;
                    }
                    clients.put(backendId, client);
                }
                byModel.computeIfAbsent(rs.getString(8), m -> new ArrayList<>()).add(
                        new GatewaySnapshot.Deployment(backendId, name, rs.getString(9), rs.getInt(10), client,
                                prices.getOrDefault(backendId, Price.FREE), rs.getString(15), rs.getInt(16),
                                rs.getBoolean(17)));
            }
        }
        byModel.replaceAll((model, list) -> List.copyOf(list));
        Map<String, String> strategies = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("select model, strategy from model_routes");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                strategies.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, String> priorities = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "select id, default_priority from projects where status = 'active' and default_priority <> 'balanced'");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                priorities.put(rs.getString(1), rs.getString(2));
            }
        }
        return new GatewaySnapshot(Map.copyOf(keys), Map.copyOf(adminKeys), Map.copyOf(byModel), limits(c),
                Map.copyOf(strategies), Map.copyOf(priorities), Instant.now());
    }

    private static Map<String, GatewaySnapshot.ProjectLimits> limits(Connection c) throws SQLException {
        Map<String, Map<String, GatewaySnapshot.ModelLimits>> models = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(MODEL_LIMITS); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                models.computeIfAbsent(rs.getString(1), p -> new HashMap<>()).put(rs.getString(2),
                        new GatewaySnapshot.ModelLimits((Integer) rs.getObject(3), (Integer) rs.getObject(4),
                                (Integer) rs.getObject(5)));
            }
        }
        Map<String, GatewaySnapshot.ProjectLimits> limits = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(PROJECT_LIMITS); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                java.math.BigDecimal spend = rs.getBigDecimal(6);
                var projectLimits = new GatewaySnapshot.ProjectLimits((Integer) rs.getObject(2),
                        (Integer) rs.getObject(3), (Long) rs.getObject(4), (Integer) rs.getObject(5),
                        spend == null ? null : spend.movePointRight(9).longValue(), rs.getBoolean(7),
                        "fail_open".equals(rs.getString(8)), Map.copyOf(models.getOrDefault(id, Map.of())));
                if (!projectLimits.equals(GatewaySnapshot.ProjectLimits.NONE)) {
                    limits.put(id, projectLimits);
                }
            }
        }
        return Map.copyOf(limits);
    }

    /** The allow-list column: a JSON array of names, or null for every model. */
    static Set<String> allowedModels(String json) {
        if (json == null) {
            return null;
        }
        Set<String> models = new HashSet<>();
        try (var reader = io.tollgate.gateway.platform.Jsonp.PROVIDER.createReader(new java.io.StringReader(json))) {
            reader.readArray().forEach(v -> {
                if (v instanceof jakarta.json.JsonString s) {
                    models.add(s.getString());
                }
            });
        }
        return Set.copyOf(models);
    }

    private HttpUpstream http(String baseUrl, String encryptedKey, Timeouts timeouts) {
        return new HttpUpstream(transport.http(timeouts.connect()), baseUrl,
                encryptedKey == null ? null : cipher.decrypt(encryptedKey), timeouts);
    }

    private BackendClient clientFor(String name, String kind, String baseUrl, String encryptedKey, Integer ttftMs,
                                    Integer tokensPerSecond, Timeouts timeouts) {
        try {
            return switch (kind) {
                case "simulator" -> new SimulatorClient(transport.timer(), ttftMs, tokensPerSecond);
                case "openai" -> new OpenAiCompatibleClient(http(baseUrl, encryptedKey, timeouts));
                case "anthropic" -> new AnthropicClient(http(baseUrl, encryptedKey, timeouts));
                default -> null;
            };
        } catch (RuntimeException e) {
            // One misconfigured backend must not take the others down with it.
            LOG.log(Level.WARNING, "Backend {0} is skipped: {1}", new Object[]{name, e.getMessage()});
            return null;
        }
    }
}
