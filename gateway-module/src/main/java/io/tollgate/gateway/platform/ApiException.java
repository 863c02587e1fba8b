package io.tollgate.gateway.platform;

/** Thrown where a request cannot be served; carries the OpenAI-shaped error the client gets. */
public class ApiException extends RuntimeException {

    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
