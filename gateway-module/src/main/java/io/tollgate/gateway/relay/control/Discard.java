package io.tollgate.gateway.relay.control;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/** Reads and drops an upstream body nobody will see (a failed attempt's), then carries on. */
final class Discard implements Flow.Subscriber<List<ByteBuffer>> {
    private final Runnable then;

    Discard(Runnable then) {
        this.then = then;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        // dropped
    }

    @Override
    public void onError(Throwable t) {
        then.run();
    }

    @Override
    public void onComplete() {
        then.run();
    }
}
