package io.tollgate.gateway.platform;

import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.List;

/** An array query parameter as the SDKs send it: {@code name[]=…} or repeated {@code name=…}. */
public final class QueryLists {

    private QueryLists() {
    }

    public static List<String> of(MultivaluedMap<String, String> params, String name) {
        List<String> values = new ArrayList<>();
        for (String key : List.of(name, name + "[]")) {
            List<String> given = params.get(key);
            if (given != null) {
                given.stream().filter(v -> !v.isBlank()).forEach(values::add);
            }
        }
        return values;
    }
}
