package io.tollgate.admin.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import io.tollgate.gateway.settings.SettingsReader;
import io.tollgate.gateway.settings.TollgateSettings;

/**
 * The optional OpenID Connect single sign-on, as the settings configure it ({@link TollgateSettings.Sso}). SSO is on when both the issuer and the client id are set; otherwise the portal
 * has its password login only, exactly as without this class. Named, so the mechanism's annotation reads the values
 * through EL ({@link SsoMechanism}).
 */
@Named("tollgateSso")
@ApplicationScoped
public class SsoSettings {

    static final String ISSUER = "TOLLGATE_OIDC_ISSUER";

    /** Read when the WAR deploys as well (before CDI is up), hence static. */
    public static boolean isConfigured() {
        return sso().configured();
    }

    public boolean isEnabled() {
        return isConfigured();
    }

    public String getIssuer() {
        return sso().issuer();
    }

    public String getClientId() {
        return sso().clientId();
    }

    public String getClientSecret() {
        return sso().clientSecret();
    }

    /** The claim compared with Tollgate usernames first; the verified e-mail address is the fallback. */
    public String getUsernameClaim() {
        return sso().usernameClaim();
    }

    private static TollgateSettings.Sso sso() {
        return SettingsReader.current().sso();
    }
}
