package io.tollgate.gateway.platform.binding;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding and validation of admin bodies, on a record that has every kind of component the admin API uses. */
public class AdminBodiesTest {

    public record Thing(@NotBlank(groups = OnCreate.class) @Size(max = 5, message = "must be at most 5 characters") String name,
                 @IntRange(min = 1, max = 10) Integer count, Long since, Boolean on,
                 @JsonbProperty("usd_per_1m") BigDecimal usdPer1m, @Valid Part part,
                 @Size(min = 1, message = "must be a non-empty array") List<@Valid Part> parts,
                 List<@NotBlank String> tags) {
    }

    public record Part(@NotNull String partName, @IntRange(min = 0, max = 3) Integer level) {
    }

    @Test
    void bindsSnakeCaseFieldsNestedRecordsAndListsAndTellsWhichFieldsWereSent() {
        Bound<Thing> bound = bind("""
                {"name":"a","count":3,"since":9000000000,"on":true,"usd_per_1m":2.5,"part":{"part_name":"p"},
                 "parts":[{"part_name":"q","level":2}],"tags":["x"],"unknown":1,"on_purpose":null}""");

        Thing t = bound.value();
        assertEquals("a", t.name());
        assertEquals(3, t.count());
        assertEquals(9_000_000_000L, t.since());
        assertEquals(new BigDecimal("2.5"), t.usdPer1m());
        assertEquals(new Part("p", null), t.part());
        assertEquals(List.of(new Part("q", 2)), t.parts());
        assertTrue(bound.has("on_purpose"), "a field sent as null was sent");
        assertTrue(!bound.has("level"), "only top-level fields count");
    }

    @Test
    void aWrongJsonTypeNamesItsFieldWithItsRule() {
        assertRefused("{\"count\":\"3\"}", "count", "'count' must be an integer from 1 to 10.");
        assertRefused("{\"count\":1.5}", "count", "'count' must be an integer from 1 to 10.");
        assertRefused("{\"count\":1e12}", "count", "'count' must be an integer from 1 to 10.");
        assertRefused("{\"since\":\"x\"}", "since", "'since' must be an integer.");
        // Too large for a long: refused, never wrapped into range.
        assertRefused("{\"since\":100000000000000000000}", "since", "'since' must be an integer.");
        assertRefused("{\"name\":5}", "name", "'name' must be a string.");
        assertRefused("{\"on\":\"yes\"}", "on", "'on' must be true or false.");
        assertRefused("{\"usd_per_1m\":\"2\"}", "usd_per_1m", "'usd_per_1m' must be a number.");
        assertRefused("{\"part\":[]}", "part", "'part' must be an object.");
        assertRefused("{\"parts\":{}}", "parts", "'parts' must be an array.");
        assertRefused("{\"parts\":[{\"part_name\":\"a\"},7]}", "parts[1]", "'parts[1]' must be an object.");
        assertRefused("{\"parts\":[{\"part_name\":\"a\",\"level\":\"x\"}]}", "parts[0].level",
                "'parts[0].level' must be an integer from 0 to 3.");
        assertRefused("{\"tags\":[\"a\",null]}", "tags[1]", "'tags[1]' must be a value, not null.");
    }

    @Test
    void aBrokenRuleNamesTheFieldOnTheWire() {
        assertRefused("{\"count\":11}", "count", "'count' must be an integer from 1 to 10.");
        assertRefused("{\"name\":\"toolong\"}", "name", "'name' must be at most 5 characters.");
        assertRefused("{\"part\":{\"level\":1}}", "part.part_name", "Missing required parameter: 'part.part_name'.");
        assertRefused("{\"parts\":[{\"part_name\":\"a\"},{\"part_name\":\"b\",\"level\":4}]}", "parts[1].level",
                "'parts[1].level' must be an integer from 0 to 3.");
        assertRefused("{\"parts\":[]}", "parts", "'parts' must be a non-empty array.");
        ApiError blankTag = assertRefused("{\"tags\":[\"a\",\" \"]}", "tags[1]", null);
        assertTrue(blankTag.message().startsWith("'tags[1]' "), blankTag.message());
    }

    @Test
    void aCreateAlsoRequiresWhatAChangeMayLeaveOut() {
        assertNull(bind("{}").value().name());
        ApiException missing = assertThrows(ApiException.class,
                () -> AdminBodies.bind(json("{}"), Thing.class, OnCreate.class));
        assertEquals("Missing required parameter: 'name'.", missing.error().message());
        assertEquals("name", missing.error().param());
        // A create checks every rule of a change as well.
        ApiException both = assertThrows(ApiException.class,
                () -> AdminBodies.bind(json("{\"name\":\"a\",\"count\":0}"), Thing.class, OnCreate.class));
        assertEquals("count", both.error().param());
    }

    @Test
    void theFirstOfSeveralViolationsIsTheSameEveryTime() {
        for (int i = 0; i < 20; i++) {
            assertRefused("{\"name\":\"toolong\",\"count\":0,\"parts\":[]}", "count", null);
        }
    }

    @Test
    void everyViolationIsThereForAFormToShowBesideItsField() {
        var violations = AdminBodies.violations(new Thing("toolong", 0, null, null, null, null, List.of(), null));

        assertEquals(Set.of("name", "count", "parts"),
                violations.stream().map(Violations::param).collect(java.util.stream.Collectors.toSet()));
    }

    private static Bound<Thing> bind(String body) {
        return AdminBodies.bind(json(body), Thing.class);
    }

    private static ApiError assertRefused(String body, String param, String message) {
        ApiException refused = assertThrows(ApiException.class, () -> bind(body));
        assertEquals(400, refused.error().status());
        assertEquals("invalid_request_error", refused.error().type());
        assertEquals(param, refused.error().param(), refused.error().message());
        if (message != null) {
            assertEquals(message, refused.error().message());
        }
        return refused.error();
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
