package io.tollgate.admin.layout;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.tollgate.admin.backends.BackendListView;
import io.tollgate.admin.gpu.GpuCostView;
import io.tollgate.admin.login.Area;
import io.tollgate.admin.login.CurrentAdmin;
import io.tollgate.admin.login.Role;
import io.tollgate.admin.login.SignOutServlet;
import io.tollgate.admin.models.ModelRoutesView;
import io.tollgate.admin.projects.ProjectListView;
import io.tollgate.admin.usage.UsageView;
import io.tollgate.admin.audit.AuditLogView;
import io.tollgate.admin.monitoring.MonitoringView;
import io.tollgate.admin.users.UsersView;
import io.tollgate.gateway.admins.boundary.AdminPrincipal;

/** The application frame: header (title, signed-in admin, logout) and a drawer with the portal's pages. */
public class MainLayout extends AppLayout {

    private final io.tollgate.gateway.admins.boundary.AdminUsersFacade users;

    @jakarta.inject.Inject
    public MainLayout(io.tollgate.gateway.admins.boundary.AdminUsersFacade users) {
        this.users = users;
        setPrimarySection(Section.DRAWER);
        addToNavbar(createHeader());
        addToDrawer(createDrawerTitle(), createNavigation());
    }

    private Component createHeader() {
        Span spacer = new Span();
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), spacer, createSignedInAdmin(),
                createLogoutButton());
        header.expand(spacer);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.addClassNames(LumoUtility.Padding.End.MEDIUM);
        return header;
    }

    private static Component createDrawerTitle() {
        H1 title = new H1("Tollgate");
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.MEDIUM);
        return title;
    }

    /** The pages the signed-in admin's role may read; the guard refuses the others whatever the browser asks. */
    private static Component createNavigation() {
        SideNav navigation = new SideNav();
        navigation.addClassName("main-navigation");
        Role role = CurrentAdmin.role().orElse(null);
        String ownProject = CurrentAdmin.get().filter(AdminPrincipal::isTenantAdmin).map(AdminPrincipal::projectId)
                .orElse(null);
        if (ownProject != null) {
            navigation.addItem(new SideNavItem("My project", "project/" + ownProject, VaadinIcon.FOLDER.create()));
        } else {
            addIfReadable(navigation, role, Area.PROJECTS,
                    new SideNavItem("Projects", ProjectListView.class, VaadinIcon.FOLDER.create()));
        }
        addIfReadable(navigation, role, Area.BACKENDS,
                new SideNavItem("Backends", BackendListView.class, VaadinIcon.SERVER.create()));
        addIfReadable(navigation, role, Area.MODELS,
                new SideNavItem("Models & routes", ModelRoutesView.class, VaadinIcon.SPLIT.create()));
        addIfReadable(navigation, role, Area.GPU,
                new SideNavItem("GPU costs", GpuCostView.class, VaadinIcon.CALC.create()));
        addIfReadable(navigation, role, Area.USAGE,
                new SideNavItem("Usage", UsageView.class, VaadinIcon.CHART.create()));
        addIfReadable(navigation, role, Area.MONITORING,
                new SideNavItem("Monitoring", MonitoringView.class, VaadinIcon.DASHBOARD.create()));
        addIfReadable(navigation, role, Area.AUDIT,
                new SideNavItem("Audit log", AuditLogView.class, VaadinIcon.RECORDS.create()));
        addIfReadable(navigation, role, Area.USERS,
                new SideNavItem("Users & roles", UsersView.class, VaadinIcon.USERS.create()));
        return navigation;
    }

    private static void addIfReadable(SideNav navigation, Role role, Area area, SideNavItem item) {
        if (role != null && role.canView(area)) {
            navigation.addItem(item);
        }
    }

    private static Component createSignedInAdmin() {
        Span username = new Span(CurrentAdmin.get().map(AdminPrincipal::username).orElse(""));
        username.addClassName("signed-in-admin");
        Span role = new Span(CurrentAdmin.get().map(AdminPrincipal::role).orElse(""));
        role.getElement().setAttribute("theme", "badge contrast small");
        role.addClassName("signed-in-role");
        HorizontalLayout who = new HorizontalLayout(username, role);
        who.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        return who;
    }

    private Component createLogoutButton() {
        Button logout = new Button("Logout", VaadinIcon.SIGN_OUT.create(), click -> logOut());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return logout;
    }

    /** Leaves through a full page load, so no state of the old session lingers in the browser. */
    private void logOut() {
        CurrentAdmin.get().ifPresent(users::signedOut);
        getUI().ifPresent(ui -> ui.getPage().setLocation(SignOutServlet.PATH.substring(1)));
        CurrentAdmin.signOut();
    }
}
