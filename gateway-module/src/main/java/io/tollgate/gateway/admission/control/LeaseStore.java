package io.tollgate.gateway.admission.control;

import io.tollgate.gateway.platform.DirectConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shared lease counters in PostgreSQL ({@code admission_leases}), over a {@link DirectConnection}: a lease is
 * taken rarely (once per chunk of a limit), and when the database is away the caller must learn it within seconds.
 */
public final class LeaseStore implements LeaseSource {

    private static final Logger LOG = Logger.getLogger(LeaseStore.class.getName());
    /** A concurrency lease whose replica stopped renewing it for this long no longer counts. */
    static final int CONCURRENCY_LEASE_SECONDS = 15;

    private static final String HELD = """
            select coalesce(sum(amount) filter (where replica_id <> ?), 0), coalesce(sum(amount) filter (where replica_id = ?), 0)
            from admission_leases
            where scope = ? and window_start = ?
              and (window_start <> 0 or replica_id = ? or renewed_at > now() - make_interval(secs => %d))"""
            .formatted(CONCURRENCY_LEASE_SECONDS);
    private static final String TAKE = """
            insert into admission_leases (scope, window_start, replica_id, amount, window_end) values (?, ?, ?, ?, ?)
            on conflict (scope, window_start, replica_id)
            do update set amount = admission_leases.amount + excluded.amount, renewed_at = now()""";
    private static final String GIVE_BACK = """
            update admission_leases set amount = greatest(0, amount - ?), renewed_at = now()
            where scope = ? and window_start = ? and replica_id = ?""";
    private static final String RENEW = """
            update admission_leases set renewed_at = now() where replica_id = ? and window_start = 0""";
    private static final String EXPIRE = """
            delete from admission_leases where window_end < now() - interval '1 hour'
               or (window_start = 0 and renewed_at < now() - interval '1 hour')""";

    private final DirectConnection session;
    private final String replicaId;

    public LeaseStore(DirectConnection session, String replicaId) {
        this.session = session;
        this.replicaId = replicaId;
    }

    public String replicaId() {
        return replicaId;
    }

    @Override
    public synchronized Grant lease(String scope, long windowStart, Instant windowEnd, long limit, long want) {
        try {
            Connection c = connection();
            try {
                c.setAutoCommit(false);
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, ?))")) {
                    lock.setString(1, scope);
                    lock.setLong(2, windowStart);
                    lock.executeQuery().close();
                }
                long others;
                long mine;
                try (PreparedStatement held = c.prepareStatement(HELD)) {
                    held.setString(1, replicaId);
                    held.setString(2, replicaId);
                    held.setString(3, scope);
                    held.setLong(4, windowStart);
                    held.setString(5, replicaId);
                    try (ResultSet rs = held.executeQuery()) {
                        rs.next();
                        others = rs.getLong(1);
                        mine = rs.getLong(2);
                    }
                }
                long grant = Math.max(0, Math.min(want, limit - others - mine));
                try (PreparedStatement take = c.prepareStatement(TAKE)) {
                    take.setString(1, scope);
                    take.setLong(2, windowStart);
                    take.setString(3, replicaId);
                    take.setLong(4, grant);
                    take.setTimestamp(5, Timestamp.from(windowEnd));
                    take.executeUpdate();
                }
                c.commit();
                return new Grant(grant, others + mine + grant);
            } catch (SQLException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public synchronized void giveBack(String scope, long windowStart, long amount) {
        try {
            Connection c = connection();
            c.setAutoCommit(true);
            try (PreparedStatement st = c.prepareStatement(GIVE_BACK)) {
                st.setLong(1, amount);
                st.setString(2, scope);
                st.setLong(3, windowStart);
                st.setString(4, replicaId);
                st.executeUpdate();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** What all replicas hold of a limit in a window. */
    public synchronized long total(String scope, long windowStart) {
        try {
            Connection c = connection();
            c.setAutoCommit(true);
            try (PreparedStatement st = c.prepareStatement(
                    "select coalesce(sum(amount), 0) from admission_leases where scope = ? and window_start = ?")) {
                st.setString(1, scope);
                st.setLong(2, windowStart);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Keeps this replica's concurrency leases counted and drops leases of long-past windows; false if unreachable. */
    public synchronized boolean renew(boolean expireOld) {
        try {
            Connection c = connection();
            c.setAutoCommit(true);
            try (PreparedStatement st = c.prepareStatement(RENEW)) {
                st.setString(1, replicaId);
                st.executeUpdate();
            }
            if (expireOld) {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate(EXPIRE);
                }
            }
            return true;
        } catch (SQLException e) {
            unavailable(e);
            return false;
        }
    }

    public void close() {
        session.close();
    }

    private Connection connection() throws SQLException {
        return session.get();
    }

    private LeaseUnavailable unavailable(SQLException e) {
        LOG.log(Level.FINE, "Lease counters unreachable", e);
        close(); // a broken session is not reused
        return new LeaseUnavailable("lease counters unreachable: " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is dropped anyway
        }
    }
}
