package io.tollgate.admin.login;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.admin.layout.MainLayout;

/** Where the guard sends a signed-in admin whose role may not read the page asked for. */
@Route(value = AccessDeniedView.ROUTE, layout = MainLayout.class)
@PageTitle("Not allowed · Tollgate")
public class AccessDeniedView extends VerticalLayout {

    public static final String ROUTE = "not-allowed";

    public AccessDeniedView() {
        addClassName("access-denied-view");
        String role = CurrentAdmin.get().map(a -> a.role()).orElse("none");
        add(new H2("Not allowed"), new Paragraph("Your role (" + role + ") may not open this page. "
                + "Ask a platform admin if you need it."));
    }
}
