package io.tollgate.gateway.platform;

import io.tollgate.gateway.settings.SettingsReader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Browser hardening on every response, the portal's and the API's: no sniffing, no framing, no referrer, and a
 * Content-Security-Policy that lets the Vaadin portal run — Flow's client evaluates scripts and styles inline, hence
 * 'unsafe-inline' and 'unsafe-eval', but nothing loads from elsewhere. HSTS only with TOLLGATE_HSTS=true: TLS usually
 * ends at the Ingress, and a pin sent over plain HTTP to localhost would lock browsers out of a dev setup.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' "
            + "'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private boolean hsts;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        hsts = SettingsReader.current().security().hsts();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        apply(response, hsts);
        chain.doFilter(request, response);
    }

    static void apply(HttpServletResponse response, boolean hsts) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (hsts) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }
}
