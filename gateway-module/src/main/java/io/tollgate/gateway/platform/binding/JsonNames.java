package io.tollgate.gateway.platform.binding;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;

/**
 * The wire name of a record component, as {@link AdminJson} names it, and of a Bean Validation property path
 * ({@code models[1].weight}), so an error's {@code param} is the field the client sent.
 */
public final class JsonNames {

    private JsonNames() {
    }

    /** {@code @JsonbProperty} if the component has one, else its name in snake_case. */
    public static String of(RecordComponent component) {
        JsonbProperty named = component.getAccessor().getAnnotation(JsonbProperty.class);
        if (named != null && !named.value().isEmpty()) {
            return named.value();
        }
        return snakeCase(component.getName());
    }

    /** LOWER_CASE_WITH_UNDERSCORES as JSON-B defines it: an underscore before each upper-case letter. */
    static String snakeCase(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The wire path of a violation on a record of this type: components renamed, list indices kept. */
    public static String path(Class<?> root, Path path) {
        StringBuilder out = new StringBuilder();
        Type at = root;
        for (Path.Node node : path) {
            if (node.getIndex() != null && at != null && List.class.isAssignableFrom(raw(at))) {
                out.append('[').append(node.getIndex()).append(']');
                at = elementType(at);
            }
            if (node.getKind() != ElementKind.PROPERTY || node.getName() == null) {
                continue;
            }
            RecordComponent component = at == null ? null : component(raw(at), node.getName());
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(component == null ? snakeCase(node.getName()) : of(component));
            at = component == null ? null : component.getGenericType();
        }
        return out.toString();
    }

    private static RecordComponent component(Class<?> type, String name) {
        if (!type.isRecord()) {
            return null;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    static Type elementType(Type listType) {
        return listType instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }
}
