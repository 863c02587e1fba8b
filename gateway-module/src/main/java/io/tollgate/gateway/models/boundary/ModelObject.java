package io.tollgate.gateway.models.boundary;

/** OpenAI's {@code model} object: a model the caller may use, owned by Tollgate, created when the config loaded. */
public record ModelObject(String id, String object, long created, String ownedBy) {

    static final String OWNER = "tollgate";

    static ModelObject of(String id, long created) {
        return new ModelObject(id, "model", created, OWNER);
    }
}
