package io.tollgate.gateway.backends.control;

import io.tollgate.gateway.testing.MigratedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GpuPricingTest {

    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Test
    void costsTokensFromTheGpusPricePerHourAndTheThroughput() {
        // One A100 80 GB at USD 3,500 a month is USD 4.794521 an hour; at 1,000 tokens/s that is 3.6M tokens an hour.
        assertEquals(new BigDecimal("1.331811"), GpuPricing.effectivePerMillion(new BigDecimal("3500"), 1, 3_600_000));
        assertEquals(new BigDecimal("2.663623"), GpuPricing.effectivePerMillion(new BigDecimal("3500"), 2, 3_600_000));
        assertTrue(GpuPricing.changedMoreThan2Percent(new BigDecimal("1.00"), new BigDecimal("1.03")));
        assertFalse(GpuPricing.changedMoreThan2Percent(new BigDecimal("1.00"), new BigDecimal("1.01")));
    }

    @Test
    void versionsTheEffectivePriceFromExpectedThenMeasuredThroughput() throws Exception {
        sql("insert into backends (id, name, kind, base_url, gpu_type, gpu_count, expected_tokens_per_second) "
                + "values ('b_gpu', 'vllm-a100', 'openai', 'http://vllm:8000/v1', 'A100-80GB', 1, 1000)");
        reprice();
        assertEquals(List.of("1.331811"), prices());
        reprice();
        assertEquals(1, prices().size(), "an unchanged price adds no version");

        // It served 720k tokens in the last hour: a fifth of the expected throughput, five times the price per token.
        sql("create table if not exists usage_events_test partition of usage_events "
                + "for values from (now() - interval '2 hours') to (now() + interval '1 hour')");
        sql("insert into usage_events (id, occurred_at, project_id, model, backend_id, endpoint, prompt_tokens, "
                + "cached_tokens, completion_tokens, latency_ms, status, streamed, client_disconnected, "
                + "usage_estimated, cost_nano_usd) values (gen_random_uuid(), now() - interval '10 minutes', 'p', 'm', "
                + "'b_gpu', 'completions', 320000, 0, 400000, 10, 200, false, false, false, 0)");
        reprice();
        assertEquals(List.of("1.331811", "6.659056"), prices());

        sql("update gpu_types set monthly_usd = 1750 where name = 'A100-80GB'");
        reprice();
        assertEquals("3.329528", prices().get(2), "a catalogue change re-costs the backend");
    }

    private static void reprice() throws SQLException {
        try (Connection c = postgres.database().getConnection()) {
            c.setAutoCommit(false);
            GpuPricing.repriceAll(c);
            c.commit();
        }
    }

    private static List<String> prices() throws SQLException {
        List<String> prices = new ArrayList<>();
        try (Connection c = postgres.database().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select input_usd_per_1m from backend_prices where backend_id = 'b_gpu' "
                     + "order by valid_from")) {
            while (rs.next()) {
                prices.add(rs.getBigDecimal(1).toPlainString());
            }
        }
        return prices;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = postgres.database().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
