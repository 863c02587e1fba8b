package io.tollgate.admin.layout;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;

/**
 * The portal's page shell. Server push lets the monitoring dashboard update itself: Vaadin's push client ships in
 * the pre-built bundle, so enabling it needs no frontend build.
 */
@Push
public class PortalShell implements AppShellConfigurator {
}
