package io.tollgate.gateway.backends.control.anthropic;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranslatedBodyTest {

    /** Passes pieces on as they are, drops "skip", fails on "boom", and has "end" to say at the end. */
    private static final BodyTranslation ECHO = new BodyTranslation() {
        @Override
        public List<ByteBuffer> accept(ByteBuffer piece) {
            String text = StandardCharsets.UTF_8.decode(piece).toString();
            if (text.equals("boom")) {
                throw new IllegalStateException("untranslatable");
            }
            return text.equals("skip") ? List.of() : List.of(bytes(text));
        }

        @Override
        public List<ByteBuffer> finish() {
            return List.of(bytes("end"));
        }
    };

    private final Upstream upstream = new Upstream();
    private final Downstream downstream = new Downstream();
    private final TranslatedBody body = new TranslatedBody(ECHO, downstream);

    @Test
    void asksTheUpstreamForWhatTheDownstreamAsksFor() {
        body.onSubscribe(upstream);
        downstream.subscription.request(3);

        assertEquals(List.of(3L), upstream.requests);
    }

    @Test
    void asksForTheNextPieceItselfWhenAPieceTranslatesToNothing() {
        body.onSubscribe(upstream);
        downstream.subscription.request(1);

        body.onNext(List.of(bytes("skip")));
        body.onNext(List.of(bytes("a")));

        assertEquals(List.of(1L, 1L), upstream.requests);
        assertEquals(List.of("a"), downstream.received);
    }

    @Test
    void holdsTheLastWordsUntilTheDownstreamAsks() {
        body.onSubscribe(upstream);
        downstream.subscription.request(1);
        body.onNext(List.of(bytes("a")));

        body.onComplete();

        assertEquals(List.of("a"), downstream.received);
        assertFalse(downstream.completed);
        downstream.subscription.request(1);
        assertEquals(List.of("a", "end"), downstream.received);
        assertTrue(downstream.completed);
        assertEquals(List.of(1L), upstream.requests, "nothing more asked of a finished upstream");
    }

    @Test
    void sendsTheLastWordsAtOnceWhenDemandIsLeft() {
        body.onSubscribe(upstream);
        downstream.subscription.request(5);
        body.onNext(List.of(bytes("a")));

        body.onComplete();

        assertEquals(List.of("a", "end"), downstream.received);
        assertTrue(downstream.completed);
    }

    @Test
    void cancelsTheUpstreamAndReportsWhenAPieceCannotBeTranslated() {
        body.onSubscribe(upstream);
        downstream.subscription.request(1);

        body.onNext(List.of(bytes("boom")));

        assertTrue(upstream.cancelled);
        assertInstanceOf(IllegalStateException.class, downstream.error);
        body.onComplete();
        assertFalse(downstream.completed, "one terminal signal only");
    }

    @Test
    void passesACancelUpstreamAndDropsWhatStillArrives() {
        body.onSubscribe(upstream);
        downstream.subscription.request(2);

        downstream.subscription.cancel();
        body.onNext(List.of(bytes("late")));
        body.onComplete();

        assertTrue(upstream.cancelled);
        assertEquals(List.of(), downstream.received);
        assertFalse(downstream.completed);
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Upstream implements Flow.Subscription {
        final List<Long> requests = new ArrayList<>();
        boolean cancelled;

        @Override
        public void request(long n) {
            requests.add(n);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static final class Downstream implements Flow.Subscriber<List<ByteBuffer>> {
        final List<String> received = new ArrayList<>();
        Flow.Subscription subscription;
        Throwable error;
        boolean completed;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            StringBuilder text = new StringBuilder();
            items.forEach(b -> text.append(StandardCharsets.UTF_8.decode(b)));
            received.add(text.toString());
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}
