package io.tollgate.runner;

import java.util.Map;
import java.util.Optional;

/** Where the app finds its PostgreSQL, handed to it as TOLLGATE_DB_URL, TOLLGATE_DB_USER and TOLLGATE_DB_PASSWORD. */
record DatabaseConnection(String url, String user, String password) {

    static final String URL = "TOLLGATE_DB_URL";
    static final String USER = "TOLLGATE_DB_USER";
    static final String PASSWORD = "TOLLGATE_DB_PASSWORD";

    /** The database the user named, in which case the runner starts none of its own. */
    static Optional<DatabaseConnection> fromEnvironment(Map<String, String> environment) {
        String url = environment.get(URL);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseConnection(url,
                environment.getOrDefault(USER, ""),
                environment.getOrDefault(PASSWORD, "")));
    }

    Map<String, String> asEnvironment() {
        return Map.of(URL, url, USER, user, PASSWORD, password);
    }
}
