package io.tollgate.admin.login;

import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity.TransportGuarantee;
import jakarta.servlet.annotation.WebListener;

/**
 * Adds {@link SsoSignInServlet} and its security constraint only when single sign-on is configured: without it the
 * WAR has no protected path and no new URL, as before.
 */
@WebListener
public class SsoRegistration implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!SsoSettings.isConfigured()) {
            return;
        }
        ServletRegistration.Dynamic servlet = event.getServletContext().addServlet("tollgate-sso",
                SsoSignInServlet.class);
        servlet.addMapping(SsoSignInServlet.PATH);
        // "**": any caller the mechanism signed in. Which of them is a portal user, and in which role, is Tollgate's
        // decision (the servlet's), never a role claimed by the provider.
        servlet.setServletSecurity(new ServletSecurityElement(new HttpConstraintElement(TransportGuarantee.NONE,
                "**")));
    }
}
