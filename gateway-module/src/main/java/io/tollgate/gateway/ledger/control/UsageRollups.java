package io.tollgate.gateway.ledger.control;

import io.tollgate.gateway.ledger.entity.UsageQuery;
import io.tollgate.gateway.ledger.entity.UsageRow;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads usage for the Usage and Costs APIs: hourly and daily buckets from the rollups, minute buckets from the
 * events themselves (a minute query spans at most a day, so it reads at most two daily partitions).
 */
@ApplicationScoped
// Reports share the connection pool with the admin API: a few at a time, none for long (MicroProfile Fault Tolerance
// keeps one bulkhead and one timeout for the whole bean, which is what a shared resource wants).
@Bulkhead(4)
@Timeout(15_000)
public class UsageRollups {

    @Resource(lookup = "java:app/jdbc/tollgate")
    DataSource dataSource;

    /** One day's billed totals for one key, model and endpoint of a project. */
    public record DailyLine(java.time.LocalDate day, String apiKeyId, String model, String endpoint, long requests,
                            long promptTokens, long cachedTokens, long completionTokens, long costNanoUsd) {
    }

    /** A project's daily lines in [from, to), for billing exports. */
    public List<DailyLine> daily(String projectId, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                select bucket_start, api_key_id, model, endpoint, requests, prompt_tokens, cached_tokens,
                       completion_tokens, cost_nano_usd
                from usage_daily where project_id = ? and bucket_start >= ? and bucket_start < ?
                order by bucket_start, api_key_id, model, endpoint""")) {
            st.setString(1, projectId);
            st.setTimestamp(2, Timestamp.from(from));
            st.setTimestamp(3, Timestamp.from(to));
            List<DailyLine> lines = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(2);
                    lines.add(new DailyLine(java.time.LocalDate.ofInstant(rs.getTimestamp(1).toInstant(),
                            java.time.ZoneOffset.UTC), key.isEmpty() ? null : key, rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("Usage export failed: " + e.getMessage(), e);
        }
    }

    public List<UsageRow> rows(UsageQuery q, String endpoint) {
        // A tenant admin in the portal reads its own project's usage only, never all projects'.
        io.tollgate.gateway.admins.control.PortalAccess.requireOwnProjects(q.projectIds());
        String source = switch (q.width()) {
            case DAY -> "usage_daily";
            case HOUR -> "usage_hourly";
            case MINUTE -> """
                    (select date_trunc('minute', occurred_at) as bucket_start, project_id,
                            coalesce(api_key_id, '') as api_key_id, model, endpoint, 1 as requests, prompt_tokens,
                            cached_tokens, completion_tokens, cost_nano_usd
                     from usage_events where occurred_at >= ? and occurred_at < ?
                       and (status < 400 or client_disconnected or completion_tokens > 0)) e""";
        };
        List<String> groups = new ArrayList<>();
        for (String g : List.of("project_id", "api_key_id", "model")) {
            groups.add(q.groupBy().contains(g) ? g : "null");
        }
        StringBuilder sql = new StringBuilder("select extract(epoch from bucket_start)::bigint, ")
                .append(String.join(", ", groups))
                .append(", sum(requests), sum(prompt_tokens), sum(cached_tokens), sum(completion_tokens), "
                        + "sum(cost_nano_usd) from ").append(source)
                .append(" where bucket_start >= ? and bucket_start < ?");
        if (endpoint != null) {
            sql.append(" and endpoint = ?");
        }
        if (!q.projectIds().isEmpty()) {
            sql.append(" and project_id = any(?)");
        }
        if (!q.apiKeyIds().isEmpty()) {
            sql.append(" and api_key_id = any(?)");
        }
        if (!q.models().isEmpty()) {
            sql.append(" and model = any(?)");
        }
        sql.append(" group by 1, 2, 3, 4 order by 1, 2, 3, 4");
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql.toString())) {
            int i = 1;
            Timestamp from = Timestamp.from(q.pageStart());
            Timestamp to = Timestamp.from(q.pageEnd());
            if (q.width() == UsageQuery.Width.MINUTE) {
                st.setTimestamp(i++, from);
                st.setTimestamp(i++, to);
            }
            st.setTimestamp(i++, from);
            st.setTimestamp(i++, to);
            if (endpoint != null) {
                st.setString(i++, endpoint);
            }
            if (!q.projectIds().isEmpty()) {
                st.setArray(i++, c.createArrayOf("text", q.projectIds().toArray()));
            }
            if (!q.apiKeyIds().isEmpty()) {
                st.setArray(i++, c.createArrayOf("text", q.apiKeyIds().toArray()));
            }
            if (!q.models().isEmpty()) {
                st.setArray(i++, c.createArrayOf("text", q.models().toArray()));
            }
            List<UsageRow> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(3);
                    rows.add(new UsageRow(Instant.ofEpochSecond(rs.getLong(1)), rs.getString(2),
                            key == null || key.isEmpty() ? null : key, rs.getString(4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), rs.getLong(9)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Usage query failed: " + e.getMessage(), e);
        }
    }
}
