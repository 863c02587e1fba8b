package io.tollgate.it;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** The ledger as the ITs read it: a project's usage events, waited for until they have settled. */
final class LedgerEvents {

    private LedgerEvents() {
    }

    static long count(DataSource database, String project) throws SQLException {
        try (Connection c = database.getConnection();
             PreparedStatement st = c.prepareStatement("select count(*) from usage_events where project_id = ?")) {
            st.setString(1, project);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Waits until the project holds {@code expected} events (a database that is not answering yet counts as none),
     * then reads again a second later — a replay that counted twice would show then — and returns that count; or the
     * last count when {@code timeout} passes first.
     */
    static long awaitSettled(DataSource database, String project, long expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = -1;
        while (System.nanoTime() < deadline) {
            try {
                count = count(database, project);
            } catch (SQLException notYet) {
                count = -1;
            }
            if (count >= expected) {
                Thread.sleep(1000);
                try {
                    return count(database, project);
                } catch (SQLException gone) {
                    return count;
                }
            }
            Thread.sleep(300);
        }
        return count;
    }
}
