package io.tollgate.admin.login;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Hands requests to the OpenID Connect mechanism on the sign-in path only ({@link SsoSignInServlet#PATH}, also the
 * redirect URI), as a protected resource there; every other request, the portal's own round trips included, passes
 * untouched. The path is protected here rather than by a servlet security constraint: on Payara 7 a constraint also
 * made the context root ("/", where Vaadin posts its requests) protected, and the mechanism then sent every portal
 * round trip to the provider. Like {@link SsoMechanism}, it exists only when single sign-on is configured
 * ({@link SsoSwitch}).
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class SsoPathOnly implements HttpAuthenticationMechanismHandler {

    @Inject
    @OpenIdAuthenticationMechanismDefinition.OpenIdAuthenticationMechanism
    Instance<HttpAuthenticationMechanism> openId;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (!onSignInPath(request) || !openId.isResolvable()) {
            return context.doNothing();
        }
        // Any caller the provider signs in passes here; which of them is a portal user, and in which role, is the
        // servlet's decision, never a role claimed by the provider.
        return openId.get().validateRequest(request, response, new HttpMessageContextWrapper(context) {
            @Override
            public boolean isProtected() {
                return true;
            }
        });
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context) throws AuthenticationException {
        if (!onSignInPath(request) || !openId.isResolvable()) {
            return AuthenticationStatus.SUCCESS;
        }
        return openId.get().secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (openId.isResolvable()) {
            openId.get().cleanSubject(request, response, context);
        }
    }

    static boolean onSignInPath(HttpServletRequest request) {
        return SsoSignInServlet.PATH.equals(request.getServletPath());
    }
}
