package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.tracing.control.CallTrace;
import io.tollgate.gateway.admission.control.Reservation;
import io.tollgate.gateway.auth.control.Authenticator.Caller;
import io.tollgate.gateway.config.control.GatewaySnapshot;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.dialect.ClientDialect;
import io.tollgate.gateway.tokens.TokenCounter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One inference request on its way through the pipeline: what each stage found out (the caller, the parsed
 * request, the route, the reservation), the response headers they decided, for the stages after it, and the
 * outcome (attempts included) once it has ended. The
 * configuration snapshot is taken once, so every stage sees the same one.
 */
public final class InferenceCall {

    private final String requestId;
    private final long startedNanos;
    private final Surface surface;
    private final String priority;
    private final GatewaySnapshot snapshot;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>(8);
    private Caller caller;
    private ParsedRequest request;
    private List<Deployment> rotation = List.of();
    private Reservation reservation = Reservation.NONE;
    private int promptTokens = -1;
    private volatile CallFinished outcome;
    private CallTrace trace = CallTrace.NONE;

    /** @param priority the client's {@code x-tollgate-priority} header, or null */
    public InferenceCall(String requestId, long startedNanos, Surface surface, String priority,
                         GatewaySnapshot snapshot) {
        this.requestId = requestId;
        this.startedNanos = startedNanos;
        this.surface = surface;
        this.priority = priority;
        this.snapshot = snapshot;
    }

    /**
     * The request's prompt tokens, counted once and only when a stage asks (token limits, an upstream that reports
     * no usage, Anthropic's message_start).
     */
    public synchronized int promptTokens() {
        if (promptTokens < 0) {
            promptTokens = TokenCounter.promptTokens(request.model(), request.openAi());
        }
        return promptTokens;
    }

    /** A header for the answer, whatever it is (the relayed body or a refusal). */
    public synchronized void header(String name, String value) {
        responseHeaders.put(name, value);
    }

    public synchronized void headersTo(BiConsumer<String, String> sink) {
        responseHeaders.forEach(sink);
    }

    void authenticated(Caller caller) {
        this.caller = caller;
    }

    void parsed(ParsedRequest request) {
        this.request = request;
    }

    void routed(List<Deployment> rotation) {
        this.rotation = rotation;
    }

    void admitted(Reservation reservation) {
        this.reservation = reservation;
    }

    void ended(CallFinished outcome) {
        this.outcome = outcome;
    }

    /** What the call came to, once it has ended (null before). */
    /** Its trace ({@link CallTrace#NONE} when tracing is off or the call not sampled). */
    public CallTrace trace() {
        return trace;
    }

    void traced(CallTrace trace) {
        this.trace = trace;
    }

    public CallFinished outcome() {
        return outcome;
    }

    public String requestId() {
        return requestId;
    }

    public long startedNanos() {
        return startedNanos;
    }

    public ClientDialect dialect() {
        return surface.dialect();
    }

    public Surface surface() {
        return surface;
    }

    public String priority() {
        return priority;
    }

    public GatewaySnapshot snapshot() {
        return snapshot;
    }

    public Caller caller() {
        return caller;
    }

    public ParsedRequest request() {
        return request;
    }

    public List<Deployment> rotation() {
        return rotation;
    }

    public Reservation reservation() {
        return reservation;
    }
}
