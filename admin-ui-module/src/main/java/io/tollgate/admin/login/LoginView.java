package io.tollgate.admin.login;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.login.AbstractLogin.LoginEvent;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.tollgate.gateway.admins.boundary.AdminPrincipal;
import io.tollgate.gateway.admins.boundary.AdminUsersFacade;
import io.tollgate.gateway.admins.boundary.AdminUsersFacade.SignIn;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;

/**
 * The portal's only public page: Vaadin's stock login form, checked against the admin users, and — only when single
 * sign-on is configured — a "Sign in with SSO" button. A refused single sign-on comes back here to be explained (a
 * successful one is completed by {@link AccessGuard} on whatever page the browser opens next).
 */
@Route(LoginView.ROUTE)
@PageTitle("Sign in · Tollgate")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = "login";

    private final AdminUsersFacade adminUsers;
    private final LoginForm loginForm = new LoginForm();
    private final Paragraph ssoError = new Paragraph();

    @Inject
    public LoginView(AdminUsersFacade adminUsers, SsoSettings sso) {
        this.adminUsers = adminUsers;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        configureLoginForm();
        configureSsoError();
        add(ssoError, loginForm);
        if (sso.isEnabled()) {
            add(createSsoButton());
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> refused = event.getLocation().getQueryParameters().getParameters()
                .getOrDefault(SsoSignInServlet.REFUSED_PARAMETER, List.of());
        if (refused.contains(SsoSignInServlet.REFUSED_UNKNOWN_USER)) {
            ssoError.setText("Your identity provider signed you in, but Tollgate has no portal user with that "
                    + "username or e-mail address. Ask a platform admin to add you under Users & roles.");
            ssoError.setVisible(true);
        }
    }

    private void configureSsoError() {
        ssoError.addClassNames("sso-error", LumoUtility.TextColor.ERROR, LumoUtility.MaxWidth.SCREEN_SMALL);
        ssoError.setVisible(false);
    }

    /** A full page load to the protected path, where Jakarta Security sends the browser on to the provider. */
    private Button createSsoButton() {
        Button button = new Button("Sign in with SSO", VaadinIcon.KEY.create(),
                click -> getUI().ifPresent(ui -> ui.getPage().setLocation(SsoSignInServlet.PATH.substring(1))));
        button.addClassName("sso-login");
        button.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
        return button;
    }

    private void configureLoginForm() {
        loginForm.setI18n(texts());
        loginForm.setForgotPasswordButtonVisible(false);
        loginForm.addLoginListener(this::logIn);
    }

    private static LoginI18n texts() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Tollgate");
        i18n.getErrorMessage().setTitle("Incorrect username or password");
        i18n.getErrorMessage().setMessage("Check the username and password and try again.");
        return i18n;
    }

    private void logIn(LoginEvent event) {
        String address = VaadinRequest.getCurrent() == null ? "unknown" : VaadinRequest.getCurrent().getRemoteAddr();
        switch (adminUsers.authenticate(event.getUsername(), event.getPassword(), address)) {
            case SignIn.SignedIn signedIn -> {
                CurrentAdmin.signIn(signedIn.admin());
                getUI().ifPresent(ui -> ui.navigate(home(signedIn.admin())));
            }
            case SignIn.Refused refused -> showError(texts());
            case SignIn.Locked locked -> showError(lockedTexts(locked.retryAfter()));
        }
    }

    private void showError(LoginI18n texts) {
        loginForm.setI18n(texts);
        loginForm.setError(true);
    }

    /** Said the same whether or not the username exists: the count is kept per typed name and per address. */
    static LoginI18n lockedTexts(Duration wait) {
        LoginI18n i18n = texts();
        i18n.getErrorMessage().setTitle("Too many failed sign-ins");
        i18n.getErrorMessage().setMessage("Sign-in is paused for this username or this network. Try again in "
                + inWords(wait) + ".");
        return i18n;
    }

    /** "45 seconds", "1 minute", "15 minutes": rounded up, so the user never comes back too early. */
    static String inWords(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    static String home(AdminPrincipal admin) {
        return admin.isTenantAdmin() ? "project/" + admin.projectId() : "";
    }
}
