package io.tollgate.gateway.ledger.boundary;

import io.tollgate.gateway.ledger.entity.UsageQuery;
import io.tollgate.gateway.ledger.entity.UsageRow;
import io.tollgate.gateway.platform.binding.AdminJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OpenAI's usage and costs pages, field for field: every bucket present, fields not grouped by explicit nulls. */
class UsagePageTest {

    private static final long DAY = 86_400;
    private static final Instant NOW = Instant.ofEpochSecond(100 * DAY);

    @Test
    void aCompletionsPageHasEveryBucketAndNullsForWhatIsNotGrouped() {
        UsageQuery q = query(List.of("project_id"), "3");
        var rows = List.of(new UsageRow(Instant.ofEpochSecond(10 * DAY), "proj_a", "key_1", "llama", 2, 30, 10, 7, 0));

        var page = UsagePage.of(q, rows, row -> UsageResults.Completions.of(q, row));

        assertEquals(read("""
                {"object":"page","has_more":true,"next_page":"%d","data":[
                 {"object":"bucket","start_time":%d,"end_time":%d,"results":[
                  {"object":"organization.usage.completions.result","input_tokens":30,"output_tokens":7,
                   "input_cached_tokens":10,"input_uncached_tokens":20,"input_audio_tokens":0,"output_audio_tokens":0,
                   "num_model_requests":2,"project_id":"proj_a","user_id":null,"api_key_id":null,"model":null,
                   "batch":null}]},
                 {"object":"bucket","start_time":%d,"end_time":%d,"results":[]},
                 {"object":"bucket","start_time":%d,"end_time":%d,"results":[]}]}"""
                .formatted(13 * DAY, 10 * DAY, 11 * DAY, 11 * DAY, 12 * DAY, 12 * DAY, 13 * DAY)), json(page));
    }

    @Test
    void theLastPageHasANullNextPage() {
        UsageQuery q = query(List.of(), "20");

        JsonObject page = json(UsagePage.of(q, List.of(), row -> UsageResults.Embeddings.of(q, row)));

        assertEquals(false, page.getBoolean("has_more"));
        assertEquals(true, page.isNull("next_page"));
        assertEquals(15, page.getJsonArray("data").size());
    }

    @Test
    void aCostLineCarriesItsModelAndTokensOnlyWithLineItems() {
        UsageQuery q = query(List.of("model"), "3");
        var row = new UsageRow(Instant.ofEpochSecond(10 * DAY), null, null, "llama", 1, 1000, 0, 500, 1_250_000_000L);

        assertEquals(read("""
                {"object":"organization.costs.result","amount":{"value":1.25,"currency":"usd"},"line_item":"llama",
                 "project_id":null,"api_key_id":null,"quantity":1500,"quantity_unit":"tokens"}"""),
                read(AdminJson.JSONB.toJson(UsageResults.Cost.of(q, row, true))));
        assertEquals(read("""
                {"object":"organization.costs.result","amount":{"value":1.25,"currency":"usd"},"line_item":null,
                 "project_id":null,"api_key_id":null,"quantity":null,"quantity_unit":null}"""),
                read(AdminJson.JSONB.toJson(UsageResults.Cost.of(q, row, false))));
    }

    private static UsageQuery query(List<String> groupBy, String limit) {
        return UsageQuery.parse(Long.toString(10 * DAY), Long.toString(25 * DAY), "1d", Set.of("1d"), groupBy,
                Set.of("project_id", "api_key_id", "model"), List.of(), List.of(), List.of(), limit, null, NOW);
    }

    private static JsonObject json(Object page) {
        return read(AdminJson.JSONB.toJson(page));
    }

    private static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
