package io.tollgate.gateway.tracing.control;

/** Attribute names of OpenTelemetry's GenAI semantic conventions, and Tollgate's own beside them. */
final class GenAi {

    static final String OPERATION = "gen_ai.operation.name";
    static final String PROVIDER = "gen_ai.provider.name";
    static final String REQUEST_MODEL = "gen_ai.request.model";
    static final String RESPONSE_MODEL = "gen_ai.response.model";
    static final String MAX_TOKENS = "gen_ai.request.max_tokens";
    static final String TEMPERATURE = "gen_ai.request.temperature";
    static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    static final String ERROR_TYPE = "error.type";
    static final String HTTP_STATUS = "http.response.status_code";
    static final String PROJECT = "tollgate.project_id";
    static final String BACKEND = "tollgate.backend";
    static final String ADMISSION = "tollgate.admission";
    static final String ATTEMPTS = "tollgate.attempts";
    static final String FIRST_TOKEN_MS = "tollgate.time_to_first_token_ms";

    private GenAi() {
    }
}
