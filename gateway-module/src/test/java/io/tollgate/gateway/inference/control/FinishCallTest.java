package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.auth.control.Authenticator.Caller;
import io.tollgate.gateway.backends.control.Price;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.relay.control.RelayEnded;
import io.tollgate.gateway.tokens.Usage;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The finish stage alone: what a call came to, costed at the price of the deployment that answered. */
class FinishCallTest {

    private static final Price PRICE = new Price(Instant.parse("2026-12-01T00:00:00Z"), 1.0, 0.5, 2.0);

    private static InferenceCall call(InferenceEndpoint endpoint) {
        InferenceCall call = new InferenceCall("req-1", 0, Surface.openAi(endpoint), null, null);
        call.authenticated(new Caller("key_1", "proj_1", null));
        var body = Json.createObjectBuilder().add("model", "demo").build();
        call.parsed(new ParsedRequest("demo", endpoint, body, body, true));
        return call;
    }

    @Test
    void anAnsweredCallIsCostedAtTheAnsweringPriceAndCarriesItsAttempts() {
        var answering = new Deployment("b_2", "vllm-b", "demo-8b", 1, null, PRICE, "self_hosted", 1, false);
        var ended = new RelayEnded(answering, 200, false, new Usage(1_000_000, 0, 500_000, false), 9, 3, 5, 2);

        CallFinished f = FinishCall.finished(call(InferenceEndpoint.CHAT), ended);

        assertEquals(PRICE.nanoUsd(1_000_000, 0, 500_000), f.costNanoUsd());
        assertEquals(2_000_000_000L, f.costNanoUsd(), "1M input at $1 + 0.5M output at $2");
        assertSame(PRICE, f.price());
        assertEquals("vllm-b", f.backend());
        assertEquals("completions", f.endpoint());
        assertEquals(2, f.attempts());
        assertEquals(3, f.firstByteNanos());
        assertEquals(5, f.firstTokenNanos());
        assertEquals("req-1", f.requestId());
        assertEquals("proj_1", f.projectId());
    }

    @Test
    void aCallNoBackendAnsweredCostsNothing() {
        var ended = new RelayEnded(null, 502, false, null, 9, 0, 0, 3);

        CallFinished f = FinishCall.finished(call(InferenceEndpoint.EMBEDDINGS), ended);

        assertEquals(0, f.costNanoUsd());
        assertSame(Price.FREE, f.price());
        assertNull(f.backend());
        assertEquals("embeddings", f.endpoint());
    }
}
