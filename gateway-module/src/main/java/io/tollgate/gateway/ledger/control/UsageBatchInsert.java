package io.tollgate.gateway.ledger.control;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * One statement for a whole batch of usage events: the events inserted from arrays (one per column, so the statement
 * is the same whatever the batch's size) and added to the hourly and daily rollups in the same statement. An event
 * already present — a replay — adds nothing, so a batch can be written twice safely.
 */
final class UsageBatchInsert {

    /** The billed events of the batch added to one rollup table, bucketed by {@code unit} (hour, day), in UTC. */
    private static String rollup(String table, String unit) {
        return """
                insert into %s as u (bucket_start, project_id, api_key_id, model, endpoint, requests,
                    prompt_tokens, cached_tokens, completion_tokens, cost_nano_usd)
                select date_trunc('%s', occurred_at at time zone 'UTC') at time zone 'UTC', project_id,
                    coalesce(api_key_id, ''), model, endpoint, count(*), sum(prompt_tokens), sum(cached_tokens),
                    sum(completion_tokens), sum(cost_nano_usd)
                from billed group by 1, 2, 3, 4, 5
                on conflict (bucket_start, project_id, api_key_id, model, endpoint) do update set
                    requests = u.requests + excluded.requests, prompt_tokens = u.prompt_tokens + excluded.prompt_tokens,
                    cached_tokens = u.cached_tokens + excluded.cached_tokens,
                    completion_tokens = u.completion_tokens + excluded.completion_tokens,
                    cost_nano_usd = u.cost_nano_usd + excluded.cost_nano_usd""".formatted(table, unit);
    }

    private static final String INSERT = """
            with e as (
                insert into usage_events (id, occurred_at, project_id, api_key_id, model, backend_id, endpoint,
                    prompt_tokens, cached_tokens, completion_tokens, latency_ms, ttft_ms, status, streamed,
                    client_disconnected, usage_estimated, cost_nano_usd, price_valid_from)
                select * from unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::smallint[], ?::bool[], ?::bool[],
                    ?::bool[], ?::bigint[], ?::timestamptz[])
                on conflict do nothing
                returning *
            ), billed as (
                select * from e where status < 400 or client_disconnected or completion_tokens > 0
            ), hourly as (
            """ + rollup("usage_hourly", "hour") + """

                returning 1
            )
            """ + rollup("usage_daily", "day");

    private UsageBatchInsert() {
    }

    static void insert(Connection c, List<UsageEvent> events) throws SQLException {
        int n = events.size();
        Object[] ids = new Object[n];
        Timestamp[] at = new Timestamp[n];
        String[] projects = new String[n];
        String[] keys = new String[n];
        String[] models = new String[n];
        String[] backends = new String[n];
        String[] endpoints = new String[n];
        Integer[] prompt = new Integer[n];
        Integer[] cached = new Integer[n];
        Integer[] completion = new Integer[n];
        Integer[] latency = new Integer[n];
        Integer[] ttft = new Integer[n];
        Integer[] status = new Integer[n];
        Boolean[] streamed = new Boolean[n];
        Boolean[] disconnected = new Boolean[n];
        Boolean[] estimated = new Boolean[n];
        Long[] cost = new Long[n];
        Timestamp[] priced = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            UsageEvent e = events.get(i);
            ids[i] = e.id();
            at[i] = Timestamp.from(e.occurredAt());
            projects[i] = e.projectId();
            keys[i] = e.apiKeyId();
            models[i] = e.model();
            backends[i] = e.backendId();
            endpoints[i] = e.endpoint();
            prompt[i] = e.promptTokens();
            cached[i] = e.cachedTokens();
            completion[i] = e.completionTokens();
            latency[i] = e.latencyMs();
            ttft[i] = e.ttftMs();
            status[i] = e.status();
            streamed[i] = e.streamed();
            disconnected[i] = e.clientDisconnected();
            estimated[i] = e.usageEstimated();
            cost[i] = e.costNanoUsd();
            priced[i] = e.priceValidFrom() == null ? null : Timestamp.from(e.priceValidFrom());
        }
        c.setAutoCommit(true);
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            Array[] arrays = {c.createArrayOf("uuid", ids), c.createArrayOf("timestamptz", at),
                    c.createArrayOf("text", projects), c.createArrayOf("text", keys), c.createArrayOf("text", models),
                    c.createArrayOf("text", backends), c.createArrayOf("text", endpoints),
                    c.createArrayOf("int4", prompt), c.createArrayOf("int4", cached),
                    c.createArrayOf("int4", completion), c.createArrayOf("int4", latency),
                    c.createArrayOf("int4", ttft), c.createArrayOf("int2", status), c.createArrayOf("bool", streamed),
                    c.createArrayOf("bool", disconnected), c.createArrayOf("bool", estimated),
                    c.createArrayOf("int8", cost), c.createArrayOf("timestamptz", priced)};
            for (int i = 0; i < arrays.length; i++) {
                st.setArray(i + 1, arrays[i]);
            }
            st.executeUpdate();
        }
    }
}
