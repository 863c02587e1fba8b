package io.tollgate.gateway.backends.control;

import io.tollgate.gateway.platform.CredentialCipher;
import io.tollgate.gateway.testing.MigratedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CredentialRotationTest {

    private static final String OLD_KEY = Base64.getEncoder().encodeToString("old-key-old-key-old-key-old-key-".getBytes());
    private static final String NEW_KEY = Base64.getEncoder().encodeToString("new-key-new-key-new-key-new-key-".getBytes());
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Test
    void startUpResealsUnderTheNewKeyWhatTheOldKeySealedAndLeavesTheRestAlone() throws Exception {
        String sealedOld = CredentialCipher.withKey(OLD_KEY).encrypt("sk-provider-old");
        String sealedNew = CredentialCipher.withKey(NEW_KEY).encrypt("sk-provider-new");
        insert("b_old", sealedOld);
        insert("b_new", sealedNew);
        insert("b_none", null);

        CredentialRotation rotation = new CredentialRotation();
        rotation.cipher = CredentialCipher.rotating(NEW_KEY, OLD_KEY);
        assertEquals(1, rotation.reseal(postgres.database()));

        CredentialCipher newKeyOnly = CredentialCipher.withKey(NEW_KEY);
        assertEquals("sk-provider-old", newKeyOnly.decrypt(stored("b_old")), "the old key can now be dropped");
        assertEquals(sealedNew, stored("b_new"), "already under the new key: untouched");
        assertNull(stored("b_none"));
        assertThrows(IllegalStateException.class, () -> CredentialCipher.withKey(OLD_KEY).decrypt(stored("b_old")));
        assertEquals(0, rotation.reseal(postgres.database()), "a second start has nothing left to do");
    }

    private static void insert(String id, String credential) throws SQLException {
        try (Connection c = postgres.database().getConnection();
             PreparedStatement st = c.prepareStatement("insert into backends (id, name, kind, base_url, "
                     + "api_key_encrypted) values (?, ?, 'openai', 'http://upstream:8000/v1', ?)")) {
            st.setString(1, id);
            st.setString(2, id);
            st.setString(3, credential);
            st.executeUpdate();
        }
    }

    private static String stored(String id) throws SQLException {
        try (Connection c = postgres.database().getConnection();
             PreparedStatement st = c.prepareStatement("select api_key_encrypted from backends where id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
