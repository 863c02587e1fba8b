package io.tollgate.admin.audit;

import io.tollgate.gateway.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * An audit entry's details as one line an admin reads: {@code field: before → after} for each field a change
 * asked for ({@code changes_requested} against {@code before}), {@code field = value} for what was created
 * ({@code data}) or what was there before a deletion.
 */
public final class AuditChange {

    static final String NONE = "–";

    private AuditChange() {
    }

    public static String describe(String detailsJson) {
        JsonObject details;
        try (var reader = Jsonp.PROVIDER.createReader(new StringReader(detailsJson == null ? "{}" : detailsJson))) {
            details = reader.readObject();
        } catch (RuntimeException notJson) {
            return detailsJson == null ? "" : detailsJson;
        }
        JsonObject asked = object(details, "changes_requested");
        JsonObject before = object(details, "before");
        StringJoiner line = new StringJoiner("; ");
        if (asked != null) {
            Set<String> fields = new LinkedHashSet<>(asked.keySet());
            if (before != null) {
                fields.addAll(before.keySet());
            }
            for (String field : fields) {
                line.add(field + ": " + text(before == null ? null : before.get(field)) + " → " + text(asked.get(field)));
            }
            return line.toString();
        }
        JsonObject shown = object(details, "data") != null ? object(details, "data") : before;
        if (shown != null) {
            String prefix = object(details, "data") != null ? "" : "was ";
            shown.forEach((k, v) -> line.add(prefix + k + " = " + text(v)));
        }
        return line.toString();
    }

    private static JsonObject object(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonObject obj ? obj : null;
    }

    private static String text(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return NONE;
        }
        return v instanceof JsonString s ? s.getString() : v.toString();
    }
}
