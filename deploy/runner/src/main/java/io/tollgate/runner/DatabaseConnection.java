package io.tollgate.runner;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /**
     * True when the database already holds a Tollgate (another replica or an earlier run set it up): then this start
     * seeds nothing, whatever this data directory remembers.
     */
    boolean holdsTollgate() {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select exists (select 1 from admin_users)")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException noSchemaYetOrUnreachable) {
            return false;
        }
    }

    Map<String, String> asEnvironment() {
        return Map.of(URL, url, USER, user, PASSWORD, password);
    }
}
