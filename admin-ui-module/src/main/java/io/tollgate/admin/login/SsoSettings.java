package io.tollgate.admin.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The optional OpenID Connect single sign-on, as the environment configures it (MicroProfile Config: environment
 * variables or -D system properties). SSO is on when both the issuer and the client id are set; otherwise the portal
 * has its password login only, exactly as without this class. Named, so the mechanism's annotation reads the values
 * through EL ({@link SsoMechanism}).
 */
@Named("tollgateSso")
@ApplicationScoped
public class SsoSettings {

    static final String ISSUER = "TOLLGATE_OIDC_ISSUER";
    static final String CLIENT_ID = "TOLLGATE_OIDC_CLIENT_ID";
    static final String CLIENT_SECRET = "TOLLGATE_OIDC_CLIENT_SECRET";
    static final String USERNAME_CLAIM = "TOLLGATE_OIDC_USERNAME_CLAIM";

    /** Read when the WAR deploys as well (before CDI is up), hence static. */
    public static boolean isConfigured() {
        return !value(ISSUER).isEmpty() && !value(CLIENT_ID).isEmpty();
    }

    public boolean isEnabled() {
        return isConfigured();
    }

    public String getIssuer() {
        return value(ISSUER);
    }

    public String getClientId() {
        return value(CLIENT_ID);
    }

    public String getClientSecret() {
        return value(CLIENT_SECRET);
    }

    /** The claim compared with Tollgate usernames first; the verified e-mail address is the fallback. */
    public String getUsernameClaim() {
        String claim = value(USERNAME_CLAIM);
        return claim.isEmpty() ? "preferred_username" : claim;
    }

    private static String value(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class).map(String::strip).orElse("");
    }
}
