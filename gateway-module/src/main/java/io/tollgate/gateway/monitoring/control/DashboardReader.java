package io.tollgate.gateway.monitoring.control;

import io.tollgate.gateway.monitoring.entity.Dashboard;
import io.tollgate.gateway.monitoring.entity.Dashboard.Health;
import io.tollgate.gateway.monitoring.entity.Dashboard.Point;
import io.tollgate.gateway.monitoring.entity.Dashboard.Spend;
import io.tollgate.gateway.monitoring.entity.Dashboard.Stats;
import io.tollgate.gateway.monitoring.entity.Dashboard.Window;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

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
 * Reads one window of the dashboard from PostgreSQL: the ledger's events (per request, so percentiles are exact),
 * its hourly rollups (spend) and the shared health table. Events reach the ledger in batches, so the newest
 * second or two may be missing.
 */
@ApplicationScoped
public class DashboardReader {

    @Resource(lookup = "java:app/jdbc/tollgate")
    DataSource dataSource;

    public Dashboard read(Window window, Instant now) {
        Instant from = now.minus(window.length());
        try (Connection c = dataSource.getConnection()) {
            return new Dashboard(window, now, stats(c, "e.model", "e.model", from, now),
                    stats(c, "e.backend_id", "coalesce(b.name, e.backend_id)", from, now), health(c),
                    spend(c, from, now), series(c, window, from, now));
        } catch (SQLException e) {
            throw new IllegalStateException("The dashboard could not be read: " + e.getMessage(), e);
        }
    }

    private static List<Stats> stats(Connection c, String key, String label, Instant from, Instant to)
            throws SQLException {
        // Time to first token over streams only: a non-streamed answer's first byte is the whole answer.
        String sql = "select " + key + ", " + label + """
                , count(*), count(*) filter (where e.status >= 500),
                  percentile_cont(0.5) within group (order by e.latency_ms),
                  percentile_cont(0.99) within group (order by e.latency_ms),
                  percentile_cont(0.5) within group (order by e.ttft_ms) filter (where e.streamed),
                  coalesce(sum(e.completion_tokens), 0)
                from usage_events e left join backends b on b.id = e.backend_id
                where e.occurred_at >= ? and e.occurred_at < ? and\s""" + key + " is not null group by 1, 2 order by 1";
        long seconds = java.time.Duration.between(from, to).toSeconds();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setTimestamp(1, Timestamp.from(from));
            st.setTimestamp(2, Timestamp.from(to));
            List<Stats> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Stats(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            (Double) rs.getObject(5), (Double) rs.getObject(6), (Double) rs.getObject(7),
                            rs.getLong(8), seconds));
                }
            }
            return rows;
        }
    }

    private static List<Health> health(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                select b.id, b.name, h.healthy, h.checked_at, h.waiting, h.cache_usage, h.detail
                from backends b left join backend_health h on h.backend_id = b.id
                where b.enabled order by b.name""");
             ResultSet rs = st.executeQuery()) {
            List<Health> rows = new ArrayList<>();
            while (rs.next()) {
                Timestamp checked = rs.getTimestamp(4);
                rows.add(new Health(rs.getString(1), rs.getString(2), (Boolean) rs.getObject(3),
                        checked == null ? null : checked.toInstant(), (Integer) rs.getObject(5),
                        (Double) rs.getObject(6), rs.getString(7)));
            }
            return rows;
        }
    }

    /** From the hourly rollups: every hour the window touches, so the last hour's spend counts its whole first hour. */
    private static List<Spend> spend(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                select u.project_id, coalesce(p.name, u.project_id), sum(u.cost_nano_usd)
                from usage_hourly u left join projects p on p.id = u.project_id
                where u.bucket_start >= date_trunc('hour', ?::timestamptz) and u.bucket_start < ?
                group by 1, 2 order by 3 desc limit 20""")) {
            st.setTimestamp(1, Timestamp.from(from));
            st.setTimestamp(2, Timestamp.from(to));
            List<Spend> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Spend(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return rows;
        }
    }

    private static List<Point> series(Connection c, Window window, Instant from, Instant to) throws SQLException {
        long width = window.bucket().toSeconds();
        try (PreparedStatement st = c.prepareStatement("""
                select floor(extract(epoch from occurred_at) / ?)::bigint * ?, count(*),
                       count(*) filter (where status >= 500),
                       percentile_cont(0.99) within group (order by latency_ms)
                from usage_events where occurred_at >= ? and occurred_at < ? group by 1 order by 1""")) {
            st.setLong(1, width);
            st.setLong(2, width);
            st.setTimestamp(3, Timestamp.from(from));
            st.setTimestamp(4, Timestamp.from(to));
            List<Point> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Point(Instant.ofEpochSecond(rs.getLong(1)), rs.getLong(2), rs.getLong(3),
                            (Double) rs.getObject(4)));
                }
            }
            return rows;
        }
    }
}
