package io.tollgate.gateway.auth.control;

import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.config.control.GatewayConfig;
import io.tollgate.gateway.config.control.GatewaySnapshot;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/** Who is calling: a tenant key or an admin key, checked against the in-memory snapshot (no database round trip). */
@ApplicationScoped
public class Authenticator {

    @Inject
    GatewayConfig config;

    /** The tenant a bearer token belongs to, or an OpenAI-shaped 401. */
    public Caller tenant(String authorization) {
        String key = bearer(authorization);
        byte[] digest = Secrets.digest(key);
        GatewaySnapshot.TenantKey found = config.current().tenantKey(HexFormat.of().formatHex(digest))
                .filter(k -> MessageDigest.isEqual(k.digest(), digest))
                .orElseThrow(() -> new ApiException(ApiError.invalidKey(ApiError.redact(key))));
        if (found.expiredAt(Instant.now())) {
            throw Refusal.EXPIRED_KEY.exception("The API key provided has expired.");
        }
        return new Caller(found.keyId(), found.projectId(), found.allowedModels());
    }

    /**
     * Accepts only admin keys and returns the key's id (the actor of what it changes); a tenant key here is refused
     * with 403, anything else with 401.
     */
    public String admin(String authorization) {
        String key = bearer(authorization);
        byte[] digest = Secrets.digest(key);
        GatewaySnapshot snapshot = config.current();
        var id = snapshot.adminKeyId(digest);
        if (id.isPresent()) {
            return id.get();
        }
        if (snapshot.tenantKey(HexFormat.of().formatHex(digest)).isPresent()) {
            throw new ApiException(ApiError.forbidden("This endpoint requires an admin API key; a project API key "
                    + "cannot manage the organization."));
        }
        throw new ApiException(ApiError.invalidKey(ApiError.redact(key)));
    }

    static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException(ApiError.missingKey());
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(ApiError.missingKey());
        }
        String key = value.substring(7).strip();
        if (key.isEmpty()) {
            throw new ApiException(ApiError.missingKey());
        }
        return key;
    }

    /** An authenticated tenant call; {@code allowedModels} null means every model. */
    public record Caller(String keyId, String projectId, java.util.Set<String> allowedModels) {

        public boolean mayUse(String model) {
            return allowedModels == null || allowedModels.contains(model);
        }

        /** 403 in OpenAI's shape unless this key may use the model. */
        public void requireModel(String model) {
            if (!mayUse(model)) {
                throw new ApiException(Refusal.MODEL_NOT_ALLOWED.error("This API key may not use the model `" + model
                        + "`.", "model"));
            }
        }
    }
}
