package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.admission.control.Admission;
import io.tollgate.gateway.admission.control.Reservation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stage: the call's reservation under every limit of its project (requests, tokens, quota, spend, concurrency) or a
 * 429; the {@code x-ratelimit-*} headers either way. Where a 429 is decided: {@link Admission}.
 */
@ApplicationScoped
public class AdmitRequest {

    @Inject
    Admission admission;

    public Reservation apply(InferenceCall call) {
        ParsedRequest request = call.request();
        return admission.admit(call.snapshot(), call.caller().projectId(), request.model(), request.openAi(),
                call.rotation(), request.endpoint() == InferenceEndpoint.EMBEDDINGS, call::promptTokens,
                call::header);
    }
}
