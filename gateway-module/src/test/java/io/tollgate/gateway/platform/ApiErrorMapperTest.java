package io.tollgate.gateway.platform;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiErrorMapperTest {

    // Held so that the level set here is not lost when the logger is collected.
    private static final Logger MAPPER_LOG = Logger.getLogger(ApiErrorMapper.class.getName());
    private static Level levelBefore;

    @BeforeAll
    static void quietenTheExpectedSevereLogs() {
        levelBefore = MAPPER_LOG.getLevel();
        MAPPER_LOG.setLevel(Level.OFF);
    }

    @AfterAll
    static void restoreLogging() {
        MAPPER_LOG.setLevel(levelBefore);
    }

    @Test
    void answersAnApiExceptionWithTheErrorItCarries() {
        ApiError error = ApiError.modelNotFound("gpt-9");

        assertSame(error, ApiErrorMapper.errorFor(new ApiException(error)));
    }

    @Test
    void answersAnUnknownPathWithOpenAisNotFound() {
        ApiError error = ApiErrorMapper.errorFor(new NotFoundException(BareResponse.withStatus(404)));

        assertEquals(404, error.status());
        assertEquals("not_found", error.code());
        assertEquals("invalid_request_error", error.type());
    }

    @Test
    void answersAWrongMethodWith405() {
        ApiError error = ApiErrorMapper.errorFor(
                new NotAllowedException(BareResponse.withStatus(405).header("Allow", "GET")));

        assertEquals(405, error.status());
        assertEquals("method_not_allowed", error.code());
    }

    @Test
    void answersAWrongContentTypeWith415() {
        ApiError error = ApiErrorMapper.errorFor(new NotSupportedException(BareResponse.withStatus(415)));

        assertEquals(415, error.status());
        assertEquals("unsupported_media_type", error.code());
    }

    @Test
    void answersABodyThatIsNotJsonWith400() {
        JsonException parseFailure = assertThrows(JsonException.class, () -> {
            try (var reader = Json.createReader(new StringReader("{\"model\": "))) {
                reader.readObject();
            }
        });

        for (Throwable failure : new Throwable[]{parseFailure, new RuntimeException("wrapped", parseFailure),
                new ProcessingException("could not read the entity")}) {
            ApiError error = ApiErrorMapper.errorFor(failure);
            assertEquals(400, error.status(), failure.toString());
            assertEquals("invalid_request_error", error.type());
            assertEquals("We could not parse the JSON body of your request. Send a valid JSON object.",
                    error.message());
        }
    }

    @Test
    void keepsTheStatusOfOtherClientErrors() {
        ApiError error = ApiErrorMapper.errorFor(
                new NotAuthorizedException(BareResponse.withStatus(401).header("WWW-Authenticate", "Bearer")));

        assertEquals(401, error.status());
        assertEquals("invalid_request_error", error.type());
    }

    @Test
    void answersAnUnexpectedFailureWith500WithoutItsMessage() {
        ApiError error = ApiErrorMapper.errorFor(
                new IllegalStateException("connection to jdbc:postgresql://db/tollgate as tollgate/hunter2 refused"));

        assertEquals(500, error.status());
        assertEquals("server_error", error.type());
        assertFalse(error.message().contains("hunter2"));
        assertFalse(error.message().contains("postgresql"));
        assertEquals(ApiError.internal(), error);
    }

    @Test
    void answersAServerErrorFromJaxRsAsAnInternalError() {
        ApiError error = ApiErrorMapper.errorFor(
                new WebApplicationException("backend pool exhausted", BareResponse.withStatus(503)));

        assertEquals(ApiError.internal(), error);
    }
}
