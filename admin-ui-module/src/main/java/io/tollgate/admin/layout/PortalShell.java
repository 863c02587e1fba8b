package io.tollgate.admin.layout;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The portal's page shell. Server push lets the monitoring dashboard update itself: Vaadin's push client ships in
 * the pre-built bundle, so enabling it needs no frontend build. Vaadin 25 loads no theme by itself: Lumo and its
 * utility classes (used for spacing and badges) are named here, as stylesheets served from the Lumo jar.
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
public class PortalShell implements AppShellConfigurator {
}
