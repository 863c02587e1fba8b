package io.tollgate.gateway.platform.binding;

import jakarta.validation.groups.Default;

/**
 * The validation group of a create request: every rule of a change, and the fields a new object cannot do without
 * ({@code @NotNull(groups = OnCreate.class)}). A change (a POST to an existing object) validates {@link Default} only,
 * so what it leaves out stays as it was.
 */
public interface OnCreate extends Default {
}
