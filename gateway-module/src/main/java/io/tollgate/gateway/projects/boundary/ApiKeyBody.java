package io.tollgate.gateway.projects.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import java.util.List;

/**
 * The body of {@code POST /v1/organization/projects/{id}/api_keys/{key_id}}, Tollgate's own key settings: a field
 * left out keeps its value, one sent as null clears it (see {@link io.tollgate.gateway.platform.binding.Bound#has}).
 *
 * @param expiresAt     unix seconds; null: never
 * @param allowedModels the models the key may use; null: every model
 */
public record ApiKeyBody(@Positive(message = "must be a unix time in seconds, or null") Long expiresAt,
                         List<@NotBlank(message = "must be a model name") String> allowedModels) {
}
