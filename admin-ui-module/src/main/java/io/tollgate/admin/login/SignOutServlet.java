package io.tollgate.admin.login;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/**
 * Ends the portal session in a request of its own, after the page that asked has unloaded: invalidating the HTTP
 * session inside a Vaadin round trip left that page's push connection on a dead session, and the next page in the
 * browser (a new sign-in included) then failed with "Session already invalidated".
 */
@WebServlet(SignOutServlet.PATH)
public class SignOutServlet extends HttpServlet {

    public static final String PATH = "/signed-out";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getContextPath() + "/" + LoginView.ROUTE);
    }
}
