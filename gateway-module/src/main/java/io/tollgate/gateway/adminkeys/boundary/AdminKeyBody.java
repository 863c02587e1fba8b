package io.tollgate.gateway.adminkeys.boundary;

import io.tollgate.gateway.platform.binding.IntRange;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /v1/organization/admin_api_keys}: a name, and a lifetime of up to a year if it expires. */
public record AdminKeyBody(@NotBlank @Size(max = 200, message = "must be at most 200 characters") String name,
                           @IntRange(min = 1, max = AdminKeyBody.MAX_EXPIRY_SECONDS) Integer expiresInSeconds) {

    public static final int MAX_EXPIRY_SECONDS = 31_536_000;
}
