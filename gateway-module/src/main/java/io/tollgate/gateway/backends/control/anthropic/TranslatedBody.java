package io.tollgate.gateway.backends.control.anthropic;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Stands between the upstream body and the relay's subscriber, passing each upstream piece through a
 * {@link BodyTranslation}. Demand passes straight through: each piece the relay asks for is one piece asked of the
 * upstream, and when a piece translates to nothing (half an event, a ping) the next one is asked for in its place, so
 * the relay's demand is never lost and never exceeded. What the translation has left at the end waits for demand too.
 */
final class TranslatedBody implements Flow.Subscriber<List<ByteBuffer>>, Flow.Subscription {

    private final BodyTranslation translation;
    private final Flow.Subscriber<List<ByteBuffer>> downstream;
    private volatile Flow.Subscription upstream;
    /** Pieces the downstream asked for and has not yet had. */
    private long demand;
    /** The translation's last words, held until the downstream asks for them. */
    private List<ByteBuffer> held;
    private boolean finished;

    TranslatedBody(BodyTranslation translation, Flow.Subscriber<List<ByteBuffer>> downstream) {
        this.translation = translation;
        this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        downstream.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            upstream.request(n); // the upstream reports the violation (rule 3.9) through onError
            return;
        }
        List<ByteBuffer> last;
        synchronized (this) {
            if (finished) {
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            last = held;
            if (last != null) {
                held = null;
                finished = true;
            }
        }
        if (last != null) {
            downstream.onNext(last);
            downstream.onComplete();
            return;
        }
        upstream.request(n);
    }

    @Override
    public void cancel() {
        synchronized (this) {
            finished = true;
            held = null;
        }
        upstream.cancel();
    }

    @Override
    public void onNext(List<ByteBuffer> pieces) {
        List<ByteBuffer> out = new ArrayList<>();
        try {
            for (ByteBuffer piece : pieces) {
                out.addAll(translation.accept(piece));
            }
        } catch (RuntimeException e) {
            upstream.cancel();
            onError(e);
            return;
        }
        if (out.isEmpty()) {
            upstream.request(1);
            return;
        }
        synchronized (this) {
            if (finished) {
                return;
            }
            demand--;
        }
        downstream.onNext(out);
    }

    @Override
    public void onError(Throwable error) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        downstream.onError(error);
    }

    @Override
    public void onComplete() {
        List<ByteBuffer> last;
        try {
            last = translation.finish();
        } catch (RuntimeException e) {
            onError(e);
            return;
        }
        boolean now;
        synchronized (this) {
            if (finished) {
                return;
            }
            now = last.isEmpty() || demand > 0;
            if (now) {
                finished = true;
                demand--;
            } else {
                held = last;
            }
        }
        if (!last.isEmpty() && now) {
            downstream.onNext(last);
        }
        if (now) {
            downstream.onComplete();
        }
    }
}
