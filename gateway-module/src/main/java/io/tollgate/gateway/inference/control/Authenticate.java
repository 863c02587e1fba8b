package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.auth.control.Authenticator;
import io.tollgate.gateway.bootstrap.ShutdownDrain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Stage: who calls, from the headers alone — a draining replica or an unknown key is refused before any body. */
@ApplicationScoped
public class Authenticate {

    @Inject
    ShutdownDrain drain;
    @Inject
    Authenticator authenticator;

    public Authenticator.Caller apply(String authorization) {
        drain.refuseIfDraining();
        return authenticator.tenant(authorization);
    }
}
