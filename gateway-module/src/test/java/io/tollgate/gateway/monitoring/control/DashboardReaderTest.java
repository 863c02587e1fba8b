package io.tollgate.gateway.monitoring.control;

import io.tollgate.gateway.monitoring.entity.Dashboard;

import io.tollgate.gateway.ledger.control.LedgerWriter;
import io.tollgate.gateway.ledger.control.UsageEvent;
import io.tollgate.gateway.platform.DirectConnection;
import io.tollgate.gateway.testing.MigratedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The dashboard's figures read from a real PostgreSQL, from events written by the ledger's own writer. */
class DashboardReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @TempDir
    Path spill;

    @Test
    void timeToFirstTokenCountsStreamsOnlyAndErrorsCountServerFailures() throws Exception {
        try (LedgerWriter writer = new LedgerWriter(new DirectConnection(postgres.url(),
                "postgres", "postgres", "test", 5), spill, Clock.fixed(NOW, ZoneOffset.UTC), 1000, 90)) {
            writer.start();
            // Streamed answers: their first token came after 100 and 300 ms. A non-streamed answer's first byte is
            // the whole answer (900 ms) and must not count as a first token. One 502.
            writer.record(event("chat-s", true, 1000, 100, 200));
            writer.record(event("chat-s", true, 1200, 300, 200));
            writer.record(event("chat-s", false, 900, 900, 200));
            writer.record(event("chat-s", false, 50, null, 502));
            writer.record(event("chat-plain", false, 400, 400, 200));
            awaitEvents(5);
        }
        DashboardReader reader = new DashboardReader();
        reader.dataSource = postgres.database();

        Dashboard dashboard = reader.read(Dashboard.Window.LAST_HOUR, NOW.plusSeconds(1));

        Dashboard.Stats streamed = dashboard.models().stream().filter(s -> s.key().equals("chat-s")).findFirst()
                .orElseThrow();
        assertEquals(4, streamed.requests());
        assertEquals(1, streamed.errors());
        assertEquals(200.0, streamed.ttftP50Ms(), 0.001, "median of the streams' 100 and 300 ms only");
        Dashboard.Stats plain = dashboard.models().stream().filter(s -> s.key().equals("chat-plain")).findFirst()
                .orElseThrow();
        assertNull(plain.ttftP50Ms(), "no streams, no time to first token");
    }

    private static UsageEvent event(String model, boolean streamed, int latencyMs, Integer ttftMs, int status) {
        Instant at = NOW.minusSeconds(60);
        return new UsageEvent(UUID.randomUUID(), at, "proj_1", "key_1", model, "backend_1", "completions",
                10, 0, 5, latencyMs, ttftMs, status, streamed, false, false, 1000L, at);
    }

    private static void awaitEvents(long expected) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection c = postgres.database().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from usage_events")) {
                rs.next();
                if (rs.getLong(1) >= expected) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the ledger did not write " + expected + " events");
    }
}
