package io.tollgate.gateway.platform;

import jakarta.json.JsonException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure of the REST surface leaves in OpenAI's error shape, never as a stack trace or an HTML page. */
@Provider
public class ApiErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        ApiError error = errorFor(failure);
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.toJson()).build();
    }

    static ApiError errorFor(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api.error();
        }
        if (failure instanceof jakarta.validation.ConstraintViolationException invalid
                && !invalid.getConstraintViolations().isEmpty()) {
            return io.tollgate.gateway.platform.binding.Violations.error(invalid.getConstraintViolations());
        }
        if (failure instanceof NotFoundException) {
            return ApiError.notFound("Unknown path. See the API reference for the paths Tollgate serves.");
        }
        if (failure instanceof NotAllowedException) {
            return new ApiError(405, "This method is not allowed on this path.", "invalid_request_error", null,
                    "method_not_allowed");
        }
        if (failure instanceof NotSupportedException) {
            return new ApiError(415, "Send the request body as application/json.", "invalid_request_error", null,
                    "unsupported_media_type");
        }
        if (failure instanceof JsonException || failure.getCause() instanceof JsonException
                || failure instanceof ProcessingException) {
            return ApiError.invalidRequest("We could not parse the JSON body of your request. Send a valid JSON object.",
                    null);
        }
        if (failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException) {
            return new ApiError(429, "Too many reports are being computed right now. Please retry in a moment.",
                    "requests", null, "rate_limit_exceeded");
        }
        if (failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return new ApiError(504, "The query took too long. Narrow its range or its filters and retry.",
                    "server_error", null, "timeout");
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return new ApiError(status, "The request could not be served (HTTP " + status + ").",
                    "invalid_request_error", null, null);
        }
        LOG.log(Level.SEVERE, "Unexpected failure in the REST surface", failure);
        return ApiError.internal();
    }
}
