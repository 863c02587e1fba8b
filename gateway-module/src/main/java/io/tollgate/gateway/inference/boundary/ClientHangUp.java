package io.tollgate.gateway.inference.boundary;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/**
 * The container's word that an async request's client is gone (an error or a timeout on its connection), passed to
 * whatever relays the answer once it has started. Added when the request goes async, because an
 * {@link AsyncListener} may only be added during that first dispatch.
 */
final class ClientHangUp implements AsyncListener {

    private volatile Runnable action = () -> { };

    void onHangUp(Runnable then) {
        action = then;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // nothing to release
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        action.run();
    }

    @Override
    public void onError(AsyncEvent event) {
        action.run();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-dispatched
    }
}
