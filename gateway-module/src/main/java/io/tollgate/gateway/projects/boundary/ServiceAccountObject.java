package io.tollgate.gateway.projects.boundary;

/**
 * {@code organization.project.service_account} on the wire; {@code api_key} (with the key's only shown value) on the
 * answer to its create alone, left out everywhere else.
 */
public record ServiceAccountObject(String object, String id, String name, String role, long createdAt,
                                   ApiKey apiKey) {

    /** {@code organization.project.service_account.api_key}: the new key, value and all. */
    public record ApiKey(String object, String value, String name, long createdAt, String id) {
    }

    static ServiceAccountObject of(ServiceAccountView a) {
        return of(a, null);
    }

    static ServiceAccountObject created(ProjectsFacade.CreatedServiceAccount created) {
        ApiKeyView key = created.key();
        return of(created.account(), new ApiKey("organization.project.service_account.api_key", created.keyValue(),
                key.name(), key.createdAt().getEpochSecond(), key.id()));
    }

    private static ServiceAccountObject of(ServiceAccountView a, ApiKey key) {
        return new ServiceAccountObject("organization.project.service_account", a.id(), a.name(), a.role(),
                a.createdAt().getEpochSecond(), key);
    }
}
