package io.tollgate.gateway.ledger.control;

import io.tollgate.gateway.platform.DirectConnection;
import io.tollgate.gateway.testing.MigratedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger writer against a real PostgreSQL (embedded binaries), migrated by Tollgate's own Flyway scripts. */
class LedgerWriterTest {

    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @TempDir
    Path spill;

    @BeforeEach
    void emptyLedger() throws SQLException {
        sql("truncate usage_events, usage_hourly, usage_daily");
    }

    private LedgerWriter writer(String databaseUrl, Instant now) {
        return new LedgerWriter(new DirectConnection(databaseUrl, "postgres", "postgres", "test", 5), spill,
                Clock.fixed(now, ZoneOffset.UTC), 10_000, 90);
    }

    private static UsageEvent event(Instant at, int status, int prompt, int completion) {
        return new UsageEvent(UUID.randomUUID(), at, "proj_1", "key_1", "gpt-test", "backend_1", "completions",
                prompt, 0, completion, 120, 40, status, true, status == 499, false, 1000L * completion, at);
    }

    @Test
    void eventsLandInTheirDaysPartitionAcrossMidnight() throws Exception {
        Instant beforeMidnight = Instant.parse("2026-11-26T23:59:59.900Z");
        Instant afterMidnight = Instant.parse("2026-11-27T00:00:00.100Z");
        try (LedgerWriter w = writer(postgres.url(), beforeMidnight)) {
            w.start();
            w.record(event(beforeMidnight, 200, 10, 5));
            w.record(event(afterMidnight, 200, 20, 7));
            awaitSingle("select count(*) from usage_events", 2);
        }
        Map<String, Long> perPartition = counts("select tableoid::regclass::text, count(*) from usage_events group by 1");
        assertEquals(Map.of("usage_events_20261126", 1L, "usage_events_20261127", 1L), perPartition);
        assertEquals(Map.of("2026-11-26", 15L, "2026-11-27", 27L), counts(
                "select to_char(bucket_start at time zone 'UTC', 'YYYY-MM-DD'), prompt_tokens + completion_tokens "
                        + "from usage_daily"));
        assertTrue(counts("select tableoid::regclass::text, 1 from usage_events_20261203 group by 1").isEmpty(),
                "partitions exist a week ahead (empty)");
    }

    @Test
    void aReplayedBatchIsCountedOnce() throws Exception {
        Instant now = Instant.parse("2026-11-26T10:15:00Z");
        List<UsageEvent> batch = List.of(event(now, 200, 10, 5), event(now.plusSeconds(1), 200, 3, 4));
        try (LedgerWriter w = writer(postgres.url(), now)) {
            w.write(batch);
            w.write(batch);
            w.write(List.of(batch.get(1), event(now.plusSeconds(2), 200, 1, 1)));
        }
        assertEquals(3L, single("select count(*) from usage_events"));
        assertEquals(3L, single("select sum(requests) from usage_hourly"));
        assertEquals(24L, single("select sum(prompt_tokens + completion_tokens) from usage_daily"));
    }

    @Test
    void refusedRequestsAreKeptButNotBilledAndAbandonedStreamsAreBilled() throws Exception {
        Instant now = Instant.parse("2026-11-26T10:15:00Z");
        try (LedgerWriter w = writer(postgres.url(), now)) {
            w.write(List.of(event(now, 200, 10, 5), event(now, 502, 0, 0), event(now, 499, 10, 3)));
        }
        assertEquals(3L, single("select count(*) from usage_events"));
        assertEquals(2L, single("select sum(requests) from usage_hourly"));
        assertEquals(8L, single("select sum(completion_tokens) from usage_hourly"));
        assertEquals(8000L, single("select sum(cost_nano_usd) from usage_daily"));
    }

    @Test
    void whatTheDatabaseCannotTakeIsSpilledAndReplayedExactlyOnce() throws Exception {
        Instant now = Instant.parse("2026-11-26T10:15:00Z");
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            events.add(event(now.plusMillis(i), 200, 3, 2));
        }
        try (LedgerWriter down = writer("jdbc:postgresql://127.0.0.1:1/postgres", now)) {
            down.start();
            events.forEach(down::record);
        }
        long spilledLines = 0;
        try (var files = Files.list(spill)) {
            for (Path f : files.toList()) {
                spilledLines += Files.readAllLines(f).size();
            }
        }
        assertEquals(2500, spilledLines, "every event is on disk while the database is away");
        assertEquals(0L, single("select count(*) from usage_events"));

        try (LedgerWriter back = writer(postgres.url(), now)) {
            back.start();
            back.record(event(now.plusSeconds(10), 200, 1, 1));
            awaitSingle("select count(*) from usage_events", 2501);
        }
        assertEquals(2501L, single("select count(*) from usage_events"));
        assertEquals(2501L, single("select sum(requests) from usage_hourly"));
        try (var files = Files.list(spill)) {
            assertTrue(files.allMatch(f -> f.toFile().length() == 0), "replayed files are removed or emptied");
        }
    }

    @Test
    void retentionDropsWholePartitions() throws Exception {
        Instant old = Instant.parse("2026-06-01T12:00:00Z");
        try (LedgerWriter w = writer(postgres.url(), old)) {
            w.write(List.of(event(old, 200, 1, 1)));
        }
        assertTrue(counts("select tableoid::regclass::text, count(*) from usage_events group by 1")
                .containsKey("usage_events_20260601"));
        try (LedgerWriter later = writer(postgres.url(), Instant.parse("2026-11-26T00:00:05Z"))) {
            later.start();
            later.record(event(Instant.parse("2026-11-26T00:00:05Z"), 200, 1, 1));
            // the new event written means a turn ran, and each turn does its upkeep (the drop) before writing
            awaitSingle("select count(*) from usage_events where occurred_at >= '2026-11-26'", 1);
        }
        assertFalse(counts("select relname, 1 from pg_class where relname like 'usage_events_2026%' group by 1")
                .containsKey("usage_events_20260601"), "a partition past the 90 days is dropped");
        assertEquals(1L, single("select count(*) from usage_events"));
        assertEquals(2L, single("select sum(requests) from usage_daily"), "rollups outlive the raw events");
    }

    @Test
    void plansPartitionsAheadAndFindsExpiredOnes() {
        LocalDate today = LocalDate.parse("2026-11-26");
        List<LocalDate> ahead = UsagePartitions.ahead(today);
        assertEquals(LocalDate.parse("2026-11-25"), ahead.get(0));
        assertEquals(LocalDate.parse("2026-12-03"), ahead.get(ahead.size() - 1));
        assertEquals(List.of("usage_events_20260827"), UsagePartitions.expired(
                List.of("usage_events_20260827", "usage_events_20260828", "usage_events_20261126", "other"), today, 90));
    }

    /** The writer works on its own thread: wait (up to 10 s) until the query says what is expected. */
    private static void awaitSingle(String query, long expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (single(query) != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = postgres.database().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static long single(String query) throws SQLException {
        try (Connection c = postgres.database().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> counts(String query) throws SQLException {
        Map<String, Long> result = new TreeMap<>();
        try (Connection c = postgres.database().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        }
        return result;
    }
}
