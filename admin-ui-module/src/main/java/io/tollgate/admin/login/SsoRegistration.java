package io.tollgate.admin.login;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;

/**
 * Adds {@link SsoSignInServlet} only when single sign-on is configured: without it the WAR has no new URL, as before.
 * Its path is protected by {@link SsoPathOnly}, not by a servlet security constraint: on Payara 7 any constraint also
 * made the context root protected, where the portal posts its requests.
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
    }
}
