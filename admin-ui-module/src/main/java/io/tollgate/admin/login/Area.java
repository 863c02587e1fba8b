package io.tollgate.admin.login;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The parts of the portal a role is let into, each a set of pages and the changes made there. */
public enum Area {
    PROJECTS("projects and their limits"),
    KEYS("API keys and service accounts"),
    BACKENDS("backends"),
    MODELS("models and routes"),
    GPU("GPU costs"),
    USAGE("usage"),
    MONITORING("monitoring"),
    AUDIT("the audit log"),
    USERS("portal users and roles");

    private final String description;

    Area(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Marks a view with the area it belongs to; {@link RouteAccess} lets in only roles that may read that area. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Of {
        Area value();
    }

    /**
     * Marks a view whose URL parameter is a project id: a tenant admin enters it only for its own project, refused
     * by the route guard on the server whatever URL the browser asks for.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface ProjectScoped {
    }
}
