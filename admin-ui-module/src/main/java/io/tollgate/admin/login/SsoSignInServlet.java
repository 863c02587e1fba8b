package io.tollgate.admin.login;

import io.tollgate.gateway.admins.boundary.AdminPrincipal;
import io.tollgate.gateway.admins.boundary.AdminUsersFacade;
import io.tollgate.gateway.admins.boundary.SsoIdentity;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where single sign-on starts and where the provider sends the browser back (the redirect URI). The path is
 * protected ({@link SsoRegistration}), so Jakarta Security's OpenID Connect mechanism signs the caller in at the
 * provider before this servlet runs; the servlet then finds the Tollgate user of that identity and hands it to the
 * portal, which signs it in exactly as a password sign-in does ({@link CurrentAdmin}). An identity without a Tollgate
 * user is sent back to the login page with a message, signed in nowhere.
 */
public class SsoSignInServlet extends HttpServlet {

    public static final String PATH = "/sso/login";
    /** The session attribute that carries the admin from this servlet to the login page. */
    static final String HANDOFF = SsoSignInServlet.class.getName() + ".admin";
    /** The login page's query parameter and value for an identity Tollgate does not know. */
    static final String REFUSED_PARAMETER = "sso";
    static final String REFUSED_UNKNOWN_USER = "unknown-user";

    private static final Logger LOG = Logger.getLogger(SsoSignInServlet.class.getName());

    @Inject
    AdminUsersFacade adminUsers;
    @Inject
    OpenIdContext openId;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null) {
            // Only reached when the provider's sign-in did not complete (SsoPathOnly guards the path).
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        JsonObject claims = idTokenClaims(openId.getIdentityToken().getToken());
        SsoIdentity identity = new SsoIdentity(request.getUserPrincipal().getName(),
                claims.getString("email", null), isTrue(claims.get("email_verified")));
        Optional<AdminPrincipal> admin = adminUsers.authenticateSso(identity);

        String login = request.getContextPath() + "/" + LoginView.ROUTE;
        if (admin.isEmpty()) {
            LOG.info("Single sign-on refused: no portal user named " + identity.candidateUsernames());
            // Signed in nowhere: the container's sign-in and the provider's tokens end with this session.
            request.getSession().invalidate();
            response.sendRedirect(login + "?" + REFUSED_PARAMETER + "=" + REFUSED_UNKNOWN_USER);
            return;
        }
        // The portal takes the admin from here on its next page load and signs it in as the password login does,
        // with a new session id; the container's sign-in does not move to that session.
        request.getSession().setAttribute(HANDOFF, admin.get());
        response.sendRedirect(login);
    }

    /** The ID token's claims; Jakarta Security has checked its signature, issuer, audience, expiry and nonce. */
    static JsonObject idTokenClaims(String idToken) {
        String[] parts = idToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        try (JsonReader reader = Json.createReader(new StringReader(payload))) {
            return reader.readObject();
        }
    }

    /** {@code true}, or the text "true" that some providers send instead. */
    static boolean isTrue(JsonValue value) {
        return value == JsonValue.TRUE || value instanceof JsonString text && "true".equalsIgnoreCase(text.getString());
    }
}
