package io.tollgate.gateway.relay.control;

import io.tollgate.gateway.dialect.BodyTransform;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Sits between the upstream body and the client stream, passing each piece through a {@link ResponseShaper}.
 * When a piece yields nothing for the client (half an event, a dropped usage chunk) it asks the upstream for the next
 * one itself, so the client's demand is never lost.
 */
final class ShapingSubscriber implements Flow.Subscriber<List<ByteBuffer>> {

    private final ResponseShaper shaper;
    private final BodyTransform dialect;
    private final Flow.Subscriber<List<ByteBuffer>> client;
    private final Runnable onUpstreamDone;
    private final Runnable onActivity;
    private volatile Flow.Subscription subscription;

    ShapingSubscriber(ResponseShaper shaper, BodyTransform dialect, Flow.Subscriber<List<ByteBuffer>> client,
                      Runnable onActivity, Runnable onUpstreamDone) {
        this.shaper = shaper;
        this.dialect = dialect;
        this.client = client;
        this.onActivity = onActivity;
        this.onUpstreamDone = onUpstreamDone;
    }

    /** Stops the upstream (timeouts); the client stream is told separately. */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        client.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        onActivity.run();
        List<ByteBuffer> shaped;
        try {
            shaped = shaper.accept(item);
            if (!shaped.isEmpty()) {
                shaped = dialect.accept(shaped);
            }
        } catch (RuntimeException e) {
            subscription.cancel();
            onError(e);
            return;
        }
        if (shaped.isEmpty()) {
            subscription.request(1);
        } else {
            client.onNext(shaped);
        }
    }

    @Override
    public void onError(Throwable t) {
        onUpstreamDone.run();
        client.onError(t);
    }

    @Override
    public void onComplete() {
        List<ByteBuffer> rest;
        try {
            List<ByteBuffer> shaped = shaper.finish();
            rest = new java.util.ArrayList<>(shaped.isEmpty() ? List.of() : dialect.accept(shaped));
            rest.addAll(dialect.finish());
        } catch (RuntimeException e) {
            onUpstreamDone.run();
            client.onError(e);
            return;
        }
        onUpstreamDone.run();
        if (!rest.isEmpty()) {
            client.onNext(rest);
        }
        client.onComplete();
    }
}
