package io.tollgate.gateway.ledger.control;

import io.tollgate.gateway.backends.control.Price;
import io.tollgate.gateway.inference.control.CallFinished;
import io.tollgate.gateway.tokens.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Listener: every finished call becomes one usage event in the ledger, costed as the call was. */
@ApplicationScoped
public class CallLedger {

    @Inject
    Ledger ledger;

    void record(@Observes CallFinished finished) {
        ledger.record(event(finished));
    }

    static UsageEvent event(CallFinished f) {
        Usage used = f.usage();
        return new UsageEvent(eventId(), Instant.now(), f.projectId(), f.keyId(), f.model(),
                f.answering() == null ? null : f.answering().backendId(), f.endpoint(),
                used == null ? 0 : used.promptTokens(), used == null ? 0 : used.cachedPromptTokens(),
                used == null ? 0 : used.completionTokens(), (int) (f.latencyNanos() / 1_000_000),
                f.firstByteNanos() == 0 ? null : (int) (f.firstTokenNanos() / 1_000_000),
                f.status(), f.streamed(), f.clientDisconnected(), used != null && used.estimated(),
                f.costNanoUsd(), f.price() == Price.FREE ? null : f.price().validFrom());
    }

    /**
     * A random (version 4) UUID from the thread's own generator: an event id must be unique, not unguessable, and
     * {@link UUID#randomUUID()} draws from one SecureRandom every request thread queues for.
     */
    static UUID eventId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
