package io.tollgate.gateway.ledger.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's daily partitions: {@code usage_events_YYYYMMDD} holds one UTC day. Created ahead of time (and on
 * demand for a late or early event); retention drops whole partitions, never rows.
 */
final class UsagePartitions {

    static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final long LOCK_KEY = 0x7011_6a7e_1ed6_0001L;

    private UsagePartitions() {
    }

    static String name(LocalDate day) {
        return "usage_events_" + SUFFIX.format(day);
    }

    /** The days to have partitions for on {@code today}: yesterday (late events) through a week ahead. */
    static List<LocalDate> ahead(LocalDate today) {
        List<LocalDate> days = new ArrayList<>();
        for (int d = -1; d <= 7; d++) {
            days.add(today.plusDays(d));
        }
        return days;
    }

    /** Partitions older than the retention, by name, among those that exist. */
    static List<String> expired(List<String> existing, LocalDate today, int retentionDays) {
        LocalDate oldestKept = today.minusDays(retentionDays);
        List<String> drop = new ArrayList<>();
        for (String name : existing) {
            if (name.matches("usage_events_\\d{8}")) {
                LocalDate day = LocalDate.parse(name.substring("usage_events_".length()), SUFFIX);
                if (day.isBefore(oldestKept)) {
                    drop.add(name);
                }
            }
        }
        return drop;
    }

    /** Creates the partitions missing for these days; replicas doing it at once serialize on an advisory lock. */
    static void create(Connection c, List<LocalDate> days) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
            for (LocalDate day : days) {
                st.execute("create table if not exists " + name(day) + " partition of usage_events for values from ('"
                        + day.atStartOfDay().toInstant(ZoneOffset.UTC) + "') to ('"
                        + day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC) + "')");
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static List<String> existing(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                select child.relname from pg_inherits i
                join pg_class child on child.oid = i.inhrelid join pg_class parent on parent.oid = i.inhparent
                where parent.relname = 'usage_events' order by 1""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static void drop(Connection c, List<String> names) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String name : names) {
                st.execute("drop table if exists " + name);
            }
        }
    }
}
