package io.tollgate.admin.login;

import com.vaadin.flow.component.login.AbstractLogin.LoginEvent;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.tollgate.gateway.admins.boundary.AdminPrincipal;
import io.tollgate.gateway.admins.boundary.AdminUsersFacade;
import jakarta.inject.Inject;

import java.util.Optional;

/** The portal's only public page: Vaadin's stock login form, checked against the admin users. */
@Route(LoginView.ROUTE)
@PageTitle("Sign in · Tollgate")
@AnonymousAllowed
public class LoginView extends VerticalLayout {

    public static final String ROUTE = "login";

    private final AdminUsersFacade adminUsers;
    private final LoginForm loginForm = new LoginForm();

    @Inject
    public LoginView(AdminUsersFacade adminUsers) {
        this.adminUsers = adminUsers;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        configureLoginForm();
        add(loginForm);
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
        Optional<AdminPrincipal> admin = adminUsers.authenticate(event.getUsername(), event.getPassword());
        if (admin.isEmpty()) {
            loginForm.setError(true);
            return;
        }
        CurrentAdmin.signIn(admin.get());
        String home = admin.get().isTenantAdmin() ? "project/" + admin.get().projectId() : "";
        getUI().ifPresent(ui -> ui.navigate(home));
    }
}
