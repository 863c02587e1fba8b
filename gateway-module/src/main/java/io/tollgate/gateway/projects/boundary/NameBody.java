package io.tollgate.gateway.projects.boundary;

import io.tollgate.gateway.platform.binding.OnCreate;
import jakarta.validation.constraints.NotNull;

/**
 * The body of a project's create ({@link OnCreate}: the name is required) or change (left out, the name stays), and
 * of a service account's create: just a name, by {@link ProjectNames}' rule. Surrounding spaces are not kept.
 */
public record NameBody(@NotNull(groups = OnCreate.class) @ProjectNames.Rule String name) {

    /** The name to keep, or null when none was sent. */
    public String stripped() {
        return name == null ? null : name.strip();
    }
}
