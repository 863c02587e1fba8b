package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.platform.Deleted;
import io.tollgate.gateway.platform.ListPage;
import io.tollgate.gateway.platform.binding.AdminJson;
import io.tollgate.persistence.projects.ProjectSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limits objects' wire shapes, field for field, as OpenAI's SDKs and the openapi document have them. */
class LimitObjectsTest {

    @Test
    void aRateLimitNotSetReadsAsZeroPerMinuteAndIsLeftOutPerDay() {
        assertSameJson("{\"object\":\"project.rate_limit\",\"id\":\"rl-demo\",\"model\":\"demo\","
                + "\"max_requests_per_1_minute\":40,\"max_tokens_per_1_minute\":0}",
                RateLimitObject.of(new LimitsFacade.RateLimit("demo", 40, null, null)));
        assertSameJson("{\"object\":\"project.rate_limit\",\"id\":\"rl-demo\",\"model\":\"demo\","
                + "\"max_requests_per_1_minute\":0,\"max_tokens_per_1_minute\":9000,\"max_requests_per_1_day\":500}",
                RateLimitObject.of(new LimitsFacade.RateLimit("demo", null, 9000, 500)));
    }

    @Test
    void rateLimitsArePagedInOpenAisListObject() {
        var page = List.of(RateLimitObject.of(new LimitsFacade.RateLimit("a", 1, 2, null)),
                RateLimitObject.of(new LimitsFacade.RateLimit("b", null, null, null)));
        assertSameJson("{\"object\":\"list\",\"data\":[{\"object\":\"project.rate_limit\",\"id\":\"rl-a\","
                + "\"model\":\"a\",\"max_requests_per_1_minute\":1,\"max_tokens_per_1_minute\":2},"
                + "{\"object\":\"project.rate_limit\",\"id\":\"rl-b\",\"model\":\"b\",\"max_requests_per_1_minute\":0,"
                + "\"max_tokens_per_1_minute\":0}],\"first_id\":\"rl-a\",\"last_id\":\"rl-b\",\"has_more\":true}",
                ListPage.of(page, RateLimitObject::id, true));
        assertSameJson("{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}",
                ListPage.of(List.<RateLimitObject>of(), RateLimitObject::id, false));
    }

    @Test
    void settingsCarryEveryLimitWithExplicitNullsForThoseNotSet() {
        assertSameJson("{\"object\":\"organization.project.settings\",\"project_id\":\"proj_1\","
                + "\"max_requests_per_1_minute\":null,\"max_tokens_per_1_minute\":1000,"
                + "\"monthly_token_quota\":5000000000,\"max_concurrent_requests\":null,"
                + "\"on_database_outage\":\"fail_open\",\"default_priority\":\"balanced\"}",
                ProjectSettingsObject.of("proj_1", new ProjectSettings(null, 1000, 5_000_000_000L, null, "fail_open",
                        "balanced")));
        assertSameJson("{\"object\":\"organization.project.settings\",\"project_id\":\"proj_2\","
                + "\"max_requests_per_1_minute\":60,\"max_tokens_per_1_minute\":null,\"monthly_token_quota\":null,"
                + "\"max_concurrent_requests\":8,\"on_database_outage\":\"fail_closed\",\"default_priority\":\"cost\"}",
                ProjectSettingsObject.of("proj_2", new ProjectSettings(60, null, null, 8, "fail_closed", "cost")));
    }

    @Test
    void aSpendLimitIsInCentsMonthlyInUsdWithItsEnforcement() {
        assertSameJson("{\"object\":\"project.spend_limit\",\"threshold_amount\":12345,\"currency\":\"USD\","
                + "\"interval\":\"month\",\"enforcement\":{\"status\":\"enforcing\"}}",
                SpendLimitObject.of(new LimitsFacade.SpendLimit(12_345, true)));
        assertSameJson("{\"object\":\"project.spend_limit\",\"threshold_amount\":1,\"currency\":\"USD\","
                + "\"interval\":\"month\",\"enforcement\":{\"status\":\"inactive\"}}",
                SpendLimitObject.of(new LimitsFacade.SpendLimit(1, false)));
    }

    @Test
    void aRemovedSpendLimitHasNoId() {
        assertSameJson("{\"object\":\"project.spend_limit.deleted\",\"deleted\":true}",
                Deleted.of("project.spend_limit.deleted", null));
    }

    /** Field for field (a missing field differs from a null one); the order of fields is JSON's business. */
    static void assertSameJson(String expected, Object actual) {
        String json = AdminJson.JSONB.toJson(actual);
        assertEquals(read(expected), read(json), json);
    }

    private static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
