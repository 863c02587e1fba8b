package io.tollgate.admin.projects;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import io.tollgate.admin.common.Notices;

/**
 * The only time a new API key is shown: Tollgate keeps its hash alone, so closing this dialog loses the key. The copy
 * button writes it to the clipboard in the browser (navigator.clipboard, stock Flow, no frontend code).
 */
class NewKeyDialog extends Dialog {

    NewKeyDialog(String accountName, String keyValue) {
        setHeaderTitle("API key for " + accountName);
        addClassName("new-key-dialog");
        setCloseOnOutsideClick(false);
        setWidth("36em");
        TextField key = new TextField("Secret key");
        key.setValue(keyValue);
        key.setReadOnly(true);
        key.setWidthFull();
        key.addClassName("new-api-key");
        Button copy = new Button("Copy", VaadinIcon.COPY.create(), click -> {
            UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", keyValue)
                    .then(ok -> Notices.done("Copied to the clipboard."),
                            failed -> Notices.failed("The browser did not allow copying; select the key and copy it."));
        });
        copy.addClassName("copy-key");
        key.setSuffixComponent(copy);
        add(new Paragraph("Save this key somewhere safe now. It will not be shown again; if it is lost, create a "
                + "new one and revoke this one."), key);
        Button done = new Button("Done", click -> close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
    }
}
