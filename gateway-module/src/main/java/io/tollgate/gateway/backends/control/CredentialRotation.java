package io.tollgate.gateway.backends.control;

import io.tollgate.gateway.platform.CredentialCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Finishes a key rotation at start-up: every provider credential still sealed under TOLLGATE_ENCRYPTION_KEY_PREVIOUS
 * is sealed again under TOLLGATE_ENCRYPTION_KEY, so the old key can be dropped once every replica has started.
 * Each row is swapped only if nobody changed it meanwhile, so replicas starting together do not clash.
 */
@ApplicationScoped
public class CredentialRotation {

    private static final Logger LOG = Logger.getLogger(CredentialRotation.class.getName());

    @Inject
    CredentialCipher cipher;

    /** Re-seals what the previous key sealed; returns how many credentials moved to the current key. */
    public int reseal(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, String> stale = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement(
                    "select id, api_key_encrypted from backends where api_key_encrypted is not null");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String stored = rs.getString(2);
                    cipher.reseal(stored).ifPresent(fresh -> stale.put(id + "\n" + stored, fresh));
                }
            }
            int moved = 0;
            try (PreparedStatement update = c.prepareStatement(
                    "update backends set api_key_encrypted = ? where id = ? and api_key_encrypted = ?")) {
                for (var entry : stale.entrySet()) {
                    String[] idAndOld = entry.getKey().split("\n", 2);
                    update.setString(1, entry.getValue());
                    update.setString(2, idAndOld[0]);
                    update.setString(3, idAndOld[1]);
                    moved += update.executeUpdate();
                }
            }
            if (moved > 0) {
                LOG.info("Re-encrypted " + moved + " provider credentials under the current TOLLGATE_ENCRYPTION_KEY");
            }
            return moved;
        } catch (SQLException e) {
            throw new IllegalStateException("provider credentials could not be re-encrypted: " + e.getMessage(), e);
        }
    }
}
