package io.tollgate.gateway.platform.binding;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.bind.config.PropertyOrderStrategy;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The one JSON-B configuration: snake_case property names, properties in alphabetical order (a stable answer; JSON-B has no declaration order), nulls left out unless a
 * component is marked {@code @JsonbNillable} (OpenAI's objects carry some fields as explicit nulls, omit others).
 * Jersey uses it for every record a resource returns.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class AdminJson implements ContextResolver<Jsonb> {

    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withPropertyOrderStrategy(PropertyOrderStrategy.LEXICOGRAPHICAL));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
