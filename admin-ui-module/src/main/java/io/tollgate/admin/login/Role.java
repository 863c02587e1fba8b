package io.tollgate.admin.login;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an admin user's role lets it see and change, by area of the portal. The role is the text stored with the
 * admin user; an unknown role may do nothing.
 *
 * <ul>
 *     <li>{@code platform_admin}: everything.</li>
 *     <li>{@code operator}: runs the fleet — backends, models and routes, GPU costs — and reads usage, monitoring and
 *     the audit log; no projects or keys.</li>
 *     <li>{@code viewer}: reads every page but the users', changes nothing.</li>
 *     <li>{@code tenant_admin}: only its own project (the admin user's {@code project_id}): its keys, which it creates
 *     and revokes, its limits read-only, its usage and spend. Which project is checked by the route guard
 *     ({@link Area.ProjectScoped}) and again by the facades.</li>
 * </ul>
 */
public enum Role {
    PLATFORM_ADMIN(EnumSet.allOf(Area.class), EnumSet.allOf(Area.class)),
    OPERATOR(EnumSet.of(Area.BACKENDS, Area.MODELS, Area.GPU, Area.USAGE, Area.MONITORING, Area.AUDIT),
            EnumSet.of(Area.BACKENDS, Area.MODELS, Area.GPU)),
    VIEWER(EnumSet.complementOf(EnumSet.of(Area.USERS)), EnumSet.noneOf(Area.class)),
    TENANT_ADMIN(EnumSet.of(Area.PROJECTS, Area.KEYS, Area.USAGE), EnumSet.of(Area.KEYS));

    private final Set<Area> readable;
    private final Set<Area> writable;

    Role(Set<Area> readable, Set<Area> writable) {
        this.readable = readable;
        this.writable = writable;
    }

    /** The role named by an admin user's stored role, if Tollgate knows it. */
    public static Optional<Role> of(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(stored.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public boolean canView(Area area) {
        return readable.contains(area);
    }

    public boolean canChange(Area area) {
        return writable.contains(area);
    }

    /** The stored name, as the admin sees it in messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
