package io.tollgate.gateway.models.boundary;

import java.util.List;

/** {@code GET /v1/models}' answer: OpenAI's plain list object, without the admin lists' paging fields. */
public record ModelList(String object, List<ModelObject> data) {

    static ModelList of(List<ModelObject> data) {
        return new ModelList("list", data);
    }
}
