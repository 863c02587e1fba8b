package io.tollgate.gateway.platform.binding;

import java.util.Set;

/**
 * A bound, valid request body and the fields the client sent: for a change, a field left out keeps its value while
 * one sent as null clears it, and a record alone cannot tell the two apart.
 */
public record Bound<T>(T value, Set<String> sent) {

    public Bound {
        sent = Set.copyOf(sent);
    }

    /** Whether the body had this top-level field (by its wire name), null or not. */
    public boolean has(String field) {
        return sent.contains(field);
    }
}
