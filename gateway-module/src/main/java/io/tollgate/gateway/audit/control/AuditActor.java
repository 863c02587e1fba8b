package io.tollgate.gateway.audit.control;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is making the admin change in this request: the admin API key the request authenticated with, or the portal
 * user of the session. Set by the admin API's key filter, or by the portal for its own requests.
 */
@RequestScoped
public class AuditActor {

    private String type;
    private String id;
    private String name;

    public void adminKey(String keyId) {
        type = "api_key";
        id = keyId;
        name = null;
    }

    public void portalUser(String userId, String username) {
        type = "session";
        id = userId;
        name = username;
    }

    public String type() {
        return type == null ? "session" : type;
    }

    public String id() {
        return id == null ? "unknown" : id;
    }

    public String name() {
        return name;
    }
}
