package io.tollgate.admin.common;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** The one way the portal asks before an action that cannot be undone: a red confirm button, and a way out. */
public final class Confirm {

    private Confirm() {
    }

    public static void destructive(String header, String consequence, String confirmText, Runnable action) {
        ConfirmDialog confirm = new ConfirmDialog(header, consequence, confirmText, e -> action.run());
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }
}
