package io.tollgate.gateway.inference.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Listener: settles what a finished call reserved on what it used — all of it refunded when no backend answered. */
@ApplicationScoped
public class Settlement {

    void settle(@Observes CallFinished finished) {
        boolean answered = finished.answering() != null && finished.usage() != null;
        finished.reservation().settle(answered, finished.usage() == null ? 0 : finished.usage().totalTokens(),
                finished.costNanoUsd());
    }
}
