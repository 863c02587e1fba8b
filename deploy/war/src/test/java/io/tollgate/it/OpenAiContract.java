package io.tollgate.it;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks a response body against a schema of OpenAI's own OpenAPI description (a copy in test resources), so that
 * "OpenAI-compatible" is measured against the source of truth, not against our reading of it. The document says
 * 3.1 but marks nullable fields the 3.0 way ({@code nullable: true}), also beside a {@code $ref} (where a 3.0
 * validator ignores it): it is read with the OpenAPI 3.0 dialect after turning {@code {$ref, nullable}} into
 * {@code anyOf: [{$ref}, {type: null}]}, which says the same, and without its value-less discriminators.
 */
final class OpenAiContract {

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final String DOCUMENT = "https://tollgate.test/openai-openapi.json";
    private static volatile SchemaRegistry registry;

    private OpenAiContract() {
    }

    /** Fails the test if {@code json} does not satisfy {@code components/schemas/<schemaName>}. */
    static void assertConforms(String schemaName, String json) {
        Schema schema = SCHEMAS.computeIfAbsent(schemaName, name -> registry().getSchema(
                SchemaLocation.of(DOCUMENT + "#/components/schemas/" + name)));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertTrue(errors.isEmpty(), schemaName + " violated: " + errors + "\n" + json);
    }

    /** Fails the test if {@code json} does not satisfy a schema of another OpenAPI 3.0 document (e.g. Tollgate's own). */
    static void assertConforms(String openApiDocument, String schemaName, String json) {
        String address = "https://tollgate.test/served-openapi.json";
        SchemaRegistry own = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
                builder -> builder.schemas(Map.of(address, openApiDocument)));
        List<Error> errors = own.getSchema(SchemaLocation.of(address + "#/components/schemas/" + schemaName))
                .validate(json, InputFormat.JSON);
        assertTrue(errors.isEmpty(), schemaName + " violated: " + errors + "\n" + json);
    }

    private static synchronized SchemaRegistry registry() {
        if (registry == null) {
            try (InputStream in = OpenAiContract.class.getResourceAsStream("/openapi/openai-openapi.json")) {
                String spec = nullableRefs(Json.createReader(in).readObject()).toString();
                // Served from memory under a made-up address: nothing is fetched.
                registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
                        builder -> builder.schemas(Map.of(DOCUMENT, spec)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return registry;
    }

    static JsonValue nullableRefs(JsonValue value) {
        if (value instanceof JsonObject o) {
            if (o.containsKey("$ref") && o.get("nullable") == JsonValue.TRUE) {
                JsonObjectBuilder rest = Json.createObjectBuilder();
                o.forEach((k, v) -> {
                    if (!k.equals("$ref") && !k.equals("nullable")) {
                        rest.add(k, nullableRefs(v));
                    }
                });
                return rest.add("anyOf", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("$ref", o.get("$ref")))
                        .add(Json.createObjectBuilder().add("type", "null"))).build();
            }
            JsonObjectBuilder b = Json.createObjectBuilder();
            o.forEach((k, v) -> {
                // The document's discriminators map no values, so a validator would look for a schema named like the
                // value ("function") and find none; the oneOf they sit on decides alone, as intended.
                if (!k.equals("discriminator")) {
                    b.add(k, nullableRefs(v));
                }
            });
            return b.build();
        }
        if (value instanceof jakarta.json.JsonArray a) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            a.forEach(v -> b.add(nullableRefs(v)));
            return b.build();
        }
        return value;
    }

    /** An error answered in OpenAI's shape: the status, JSON, {@code error.message/type/param/code}, and the code. */
    static void assertError(java.net.http.HttpResponse<String> response, int status, String code) {
        org.junit.jupiter.api.Assertions.assertEquals(status, response.statusCode(),
                response.request().uri() + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "OpenAI's error shape is JSON: " + response.headers().map());
        JsonObject error = TollgateClient.json(response.body()).getJsonObject("error");
        org.junit.jupiter.api.Assertions.assertNotNull(error.getString("message"));
        org.junit.jupiter.api.Assertions.assertNotNull(error.getString("type"));
        assertTrue(error.containsKey("param") && error.containsKey("code"), response.body());
        if (code != null) {
            org.junit.jupiter.api.Assertions.assertEquals(code, error.getString("code"), response.body());
        }
    }
}
