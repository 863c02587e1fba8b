package io.tollgate.admin.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * Jakarta Security's OpenID Connect mechanism (authorization code flow), its settings read from the environment
 * through {@link SsoSettings}. The mechanism exists only when SSO is configured: Jakarta Security has no switch for a
 * definition annotation, and with an empty issuer it would fail on the first request, so {@link SsoSwitch} vetoes
 * this class before CDI sees the annotation — without SSO the application has no authentication mechanism at all,
 * as before. When it exists, it acts only on the one protected path, {@link SsoSignInServlet#PATH} (the redirect URI
 * as well): every other request it leaves alone, and it fetches the provider's metadata on the first sign-in, not
 * when the WAR deploys.
 */
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${tollgateSso.issuer}",
        clientId = "${tollgateSso.clientId}",
        clientSecret = "${tollgateSso.clientSecret}",
        redirectURI = "${baseURL}" + SsoSignInServlet.PATH,
        scope = {"openid", "email", "profile"},
        claimsDefinition = @ClaimsDefinition(callerNameClaim = "${tollgateSso.usernameClaim}"))
@ApplicationScoped
public class SsoMechanism {
}
