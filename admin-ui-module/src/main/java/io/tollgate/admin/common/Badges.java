package io.tollgate.admin.common;

import com.vaadin.flow.component.html.Span;

/** Lumo badges: stock styling from the pre-built bundle, no custom CSS. */
public final class Badges {

    private Badges() {
    }

    /** @param theme Lumo badge theme words, e.g. "badge success" */
    public static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().setAttribute("theme", theme);
        return badge;
    }
}
