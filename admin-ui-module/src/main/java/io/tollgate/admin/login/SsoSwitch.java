package io.tollgate.admin.login;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

import java.util.logging.Logger;

/**
 * Turns single sign-on on or off as the WAR deploys: without the OpenID Connect settings {@link SsoMechanism} is no
 * bean, so Jakarta Security (which finds the definition on beans) installs no mechanism, and {@link SsoPathOnly} is no
 * bean either.
 */
public class SsoSwitch implements Extension {

    private static final Logger LOG = Logger.getLogger(SsoSwitch.class.getName());

    void handlerOffUnlessConfigured(@Observes ProcessAnnotatedType<SsoPathOnly> type) {
        if (!SsoSettings.isConfigured()) {
            type.veto();
        }
    }

    void offUnlessConfigured(@Observes ProcessAnnotatedType<SsoMechanism> type) {
        if (!SsoSettings.isConfigured()) {
            type.veto();
            return;
        }
        LOG.info("Portal single sign-on is on (OpenID Connect, " + SsoSettings.ISSUER + " is set).");
    }
}
