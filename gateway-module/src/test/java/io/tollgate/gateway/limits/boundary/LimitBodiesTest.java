package io.tollgate.gateway.limits.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.binding.AdminBodies;
import io.tollgate.gateway.platform.binding.Bound;
import io.tollgate.persistence.projects.ProjectSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The limits bodies' rules, as the admin API reads them and the portal checks them. */
class LimitBodiesTest {

    private static final LimitsFacade.RateLimit CURRENT = new LimitsFacade.RateLimit("demo", 40, 9000, 500);
    private static final ProjectSettings SETTINGS = new ProjectSettings(60, 1000, 5_000_000_000L, 4, "fail_open",
            "balanced");

    @Test
    void aRateLimitLeftOutKeepsItsValueWhileNullOrZeroRemovesIt() {
        var changed = rateLimit("{\"max_requests_per_1_minute\":null,\"max_tokens_per_1_minute\":0}");

        assertEquals(new LimitsFacade.RateLimit("demo", null, null, 500), changed);
        assertEquals(new LimitsFacade.RateLimit("demo", 2_147_483_647, 9000, 500),
                rateLimit("{\"max_requests_per_1_minute\":2147483647}"));
        assertEquals(CURRENT, rateLimit("{}"));
    }

    @Test
    void aLimitThatIsNoWholeNumberOrTooLargeIsRefusedInTheLimitsWords() {
        String words = "'max_tokens_per_1_minute' must be a positive integer, or 0 or null for no limit.";
        assertRefused("{\"max_tokens_per_1_minute\":-1}", RateLimitBody.class, "max_tokens_per_1_minute", words);
        assertRefused("{\"max_tokens_per_1_minute\":2147483648}", RateLimitBody.class, "max_tokens_per_1_minute",
                words);
        assertRefused("{\"max_requests_per_1_day\":1.5}", RateLimitBody.class, "max_requests_per_1_day", null);
        assertRefused("{\"max_requests_per_1_day\":\"5\"}", RateLimitBody.class, "max_requests_per_1_day", null);
        // The monthly quota is a long: past an int is fine, negative is not.
        assertEquals(5_000_000_001L, settings("{\"monthly_token_quota\":5000000001}").monthlyTokenQuota());
        assertRefused("{\"monthly_token_quota\":-5}", ProjectSettingsBody.class, "monthly_token_quota",
                "'monthly_token_quota' must be a positive integer, or 0 or null for no limit.");
        assertRefused("{\"max_concurrent_requests\":1.5}", ProjectSettingsBody.class, "max_concurrent_requests", null);
    }

    @Test
    void aLimitOfTheWrongJsonTypeIsRefusedInTheLimitsWordsToo() throws IOException {
        for (String value : new String[] {"1.5", "1.0", "\"5\"", "true", "[]", "9223372036854775808"}) {
            ApiException refused = assertThrows(ApiException.class, () -> read("{\"max_requests_per_1_day\":" + value
                    + "}", RateLimitBody.class, "Unknown or unsupported parameter"), value);
            assertEquals("'max_requests_per_1_day' must be a positive integer, or 0 or null for no limit.",
                    refused.error().message(), value);
            assertEquals("monthly_token_quota", assertThrows(ApiException.class, () -> read(
                    "{\"monthly_token_quota\":" + value + "}", ProjectSettingsBody.class, "Unknown"), value)
                    .error().param());
        }
        assertEquals(9_223_372_036_854_775_807L, read("{\"monthly_token_quota\":9223372036854775807}",
                ProjectSettingsBody.class, "Unknown").value().monthlyTokenQuota());
        assertNull(read("{\"max_requests_per_1_day\":null}", RateLimitBody.class, "Unknown").value()
                .maxRequestsPer1Day());
    }

    @Test
    void aFieldTheEndpointDoesNotKnowIsRefusedByName() {
        ApiException rate = assertThrows(ApiException.class, () -> read("{\"max_requests_per_1_minute\":1,"
                + "\"max_images_per_1_minute\":3}", RateLimitBody.class, "Unknown or unsupported parameter"));
        assertEquals("max_images_per_1_minute", rate.error().param());
        assertEquals("Unknown or unsupported parameter: 'max_images_per_1_minute'.", rate.error().message());
        // A settings field is not a rate limit's, nor the other way round.
        assertEquals("monthly_token_quota", assertThrows(ApiException.class, () -> read(
                "{\"monthly_token_quota\":1}", RateLimitBody.class, "Unknown or unsupported parameter"))
                .error().param());
        assertEquals("max_requests_per_1_day", assertThrows(ApiException.class, () -> read(
                "{\"max_requests_per_1_day\":1}", ProjectSettingsBody.class, "Unknown or unsupported parameter"))
                .error().param());
        assertEquals("Unknown parameter: 'period'.", assertThrows(ApiException.class, () -> read(
                "{\"threshold_amount\":1,\"currency\":\"USD\",\"interval\":\"month\",\"period\":1}",
                SpendLimitBody.class, "Unknown parameter")).error().message());
    }

    @Test
    void settingsKeepWhatIsLeftOutAndCheckTheirChoices() {
        assertEquals(new ProjectSettings(60, null, null, 4, "fail_closed", "cost"), settings(
                "{\"max_tokens_per_1_minute\":0,\"monthly_token_quota\":null,\"on_database_outage\":\"fail_closed\","
                        + "\"default_priority\":\"cost\"}"));
        assertEquals(SETTINGS, settings("{\"on_database_outage\":null,\"default_priority\":null}"), "null keeps a choice");
        assertRefused("{\"on_database_outage\":\"maybe\"}", ProjectSettingsBody.class, "on_database_outage",
                "'on_database_outage' must be 'fail_open' or 'fail_closed'.");
        assertRefused("{\"default_priority\":\"fastest\"}", ProjectSettingsBody.class, "default_priority",
                "'default_priority' must be cost, quality or balanced.");
        assertRefused("{\"on_database_outage\":1}", ProjectSettingsBody.class, "on_database_outage",
                "'on_database_outage' must be a string.");
        for (String priority : LimitsFacade.PRIORITIES) {
            assertEquals(priority, settings("{\"default_priority\":\"" + priority + "\"}").defaultPriority());
        }
    }

    @Test
    void aCompleteFormStatesEverySetting() {
        assertEquals(new ProjectSettings(null, 20, null, 3, "fail_closed", "balanced"),
                new ProjectSettingsBody(0L, 20L, null, 3L, "fail_closed", "balanced").settings());
        assertEquals(new LimitsFacade.RateLimit("demo", 7, null, null),
                new RateLimitBody(7L, 0L, null).applyTo(CURRENT));
    }

    @Test
    void aSpendLimitIsWholeCentsInUsdPerMonth() {
        assertEquals(1L, bind("{\"threshold_amount\":1,\"currency\":\"USD\",\"interval\":\"month\"}",
                SpendLimitBody.class).value().thresholdAmount());
        String cents = "'threshold_amount' must be a whole number of USD cents, at least 1.";
        assertRefused("{\"threshold_amount\":0,\"currency\":\"USD\",\"interval\":\"month\"}", SpendLimitBody.class,
                "threshold_amount", cents);
        assertRefused("{\"threshold_amount\":100000000001,\"currency\":\"USD\",\"interval\":\"month\"}",
                SpendLimitBody.class, "threshold_amount", cents);
        assertRefused("{\"threshold_amount\":1.5,\"currency\":\"USD\",\"interval\":\"month\"}", SpendLimitBody.class,
                "threshold_amount", null);
        assertRefused("{\"currency\":\"USD\",\"interval\":\"month\"}", SpendLimitBody.class, "threshold_amount",
                "Missing required parameter: 'threshold_amount'.");
        assertRefused("{\"threshold_amount\":300,\"currency\":\"EUR\",\"interval\":\"month\"}", SpendLimitBody.class,
                "currency", "'currency' must be 'USD'.");
        assertRefused("{\"threshold_amount\":300,\"currency\":\"USD\"}", SpendLimitBody.class, "interval",
                "Missing required parameter: 'interval'.");
        assertRefused("{\"threshold_amount\":300,\"currency\":\"USD\",\"interval\":\"year\"}", SpendLimitBody.class,
                "interval", "'interval' must be 'month'.");
        // The portal's spend limit, checked by the same record.
        assertEquals("threshold_amount", assertThrows(ApiException.class,
                () -> AdminBodies.validate(SpendLimitBody.monthly(-5L))).error().param());
    }

    private static LimitsFacade.RateLimit rateLimit(String body) {
        Bound<RateLimitBody> bound = bind(body, RateLimitBody.class);
        return bound.value().applyTo(CURRENT, bound::has);
    }

    private static ProjectSettings settings(String body) {
        Bound<ProjectSettingsBody> bound = bind(body, ProjectSettingsBody.class);
        return bound.value().applyTo(SETTINGS, bound::has);
    }

    private static <T extends Record> Bound<T> bind(String body, Class<T> type) {
        return AdminBodies.bind(json(body), type);
    }

    private static <T extends Record> Bound<T> read(String body, Class<T> type, String unknown) throws IOException {
        return LimitChanges.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), type, unknown);
    }

    private static void assertRefused(String body, Class<? extends Record> type, String param, String message) {
        ApiError error = assertThrows(ApiException.class, () -> bind(body, type)).error();
        assertEquals(400, error.status());
        assertEquals(param, error.param(), error.message());
        if (message != null) {
            assertEquals(message, error.message());
        }
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
