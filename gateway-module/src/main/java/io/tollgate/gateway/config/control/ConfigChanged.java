package io.tollgate.gateway.config.control;

/** Fired after an admin change is committed, so this replica reloads at once (others hear it by NOTIFY). */
public record ConfigChanged(String what) {
}
