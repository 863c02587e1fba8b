package io.tollgate.gateway.platform;

/**
 * Why Tollgate refuses a request, as one typed value: its HTTP status, OpenAI's error {@code type} and {@code code},
 * the label it is counted under ({@code tollgate_admission_rejections{reason}}), and whether the connection is
 * closed after the answer. Each dialect writes the same refusal in its own shape (OpenAI's, Anthropic's); nothing
 * decides a refusal's kind from its message.
 */
public enum Refusal {
    METHOD_NOT_ALLOWED(405, "invalid_request_error", "method_not_allowed", "method_not_allowed", false),
    /** The body stalled or took too long: the rest of it is not waited for. */
    BODY_TIMEOUT(408, "invalid_request_error", "request_timeout", "body_timeout", true),
    /** The body is over the limit: the rest of it is not worth reading. */
    BODY_TOO_LARGE(413, "invalid_request_error", "request_too_large", "body_too_large", true),
    REQUESTS(429, "requests", "rate_limit_exceeded", "requests", false),
    TOKENS(429, "tokens", "rate_limit_exceeded", "tokens", false),
    CONCURRENCY(429, "requests", "rate_limit_exceeded", "concurrency", false),
    QUOTA(429, "insufficient_quota", "insufficient_quota", "quota", false),
    SPEND(429, "insufficient_quota", "insufficient_quota", "spend", false),
    /** The project refuses requests while its limits cannot be checked (on_database_outage: fail_closed). */
    ADMISSION_OUTAGE(503, "server_error", "admission_unavailable", "outage", false),
    /** This replica is draining: a new connection, through the load balancer, reaches one that stays. */
    DRAINING(503, "server_error", "server_shutting_down", "draining", true);

    private final int status;
    private final String type;
    private final String code;
    private final String metricLabel;
    private final boolean closesConnection;

    Refusal(int status, String type, String code, String metricLabel, boolean closesConnection) {
        this.status = status;
        this.type = type;
        this.code = code;
        this.metricLabel = metricLabel;
        this.closesConnection = closesConnection;
    }

    public ApiError error(String message) {
        return new ApiError(status, message, type, null, code, this);
    }

    public ApiException exception(String message) {
        return new ApiException(error(message));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String metricLabel() {
        return metricLabel;
    }

    public boolean closesConnection() {
        return closesConnection;
    }
}
