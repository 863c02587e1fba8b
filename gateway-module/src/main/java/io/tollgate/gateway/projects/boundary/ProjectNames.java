package io.tollgate.gateway.projects.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;

/** The rule for a project's or service account's name, one copy for the admin API and the portal's forms. */
public final class ProjectNames {

    public static final int MAX = 200;

    private ProjectNames() {
    }

    /** The name without surrounding spaces; refused when blank or longer than {@value #MAX} characters. */
    public static String checked(String name) {
        if (name == null || name.isBlank() || name.length() > MAX) {
            throw new ApiException(ApiError.invalidRequest("'name' must be 1 to " + MAX + " characters.", "name"));
        }
        return name.strip();
    }
}
