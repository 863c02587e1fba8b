package io.tollgate.persistence.admins;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Failed sign-ins per subject ({@code sign_in_failures}). {@link #lock} holds the subject's row until the
 * transaction ends, so that concurrent failures on several replicas each count.
 */
@ApplicationScoped
public class SignInFailureStore {

    /** A subject's row as stored; {@code lockedUntil} null when not locked. */
    public record Row(int failures, Instant firstFailureAt, Instant lockedUntil) {
    }

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    /** The subject's row, locked for this transaction; null when it has none. */
    public Row lock(String subject) {
        em.createNativeQuery("insert into sign_in_failures (subject, failures, first_failure_at) "
                + "values (?1, 0, now()) on conflict (subject) do nothing").setParameter(1, subject).executeUpdate();
        List<?> rows = em.createNativeQuery("select failures, first_failure_at, locked_until from sign_in_failures "
                + "where subject = ?1 for update").setParameter(1, subject).getResultList();
        Object[] row = (Object[]) rows.get(0);
        int failures = ((Number) row[0]).intValue();
        return failures == 0 ? null : new Row(failures, instant(row[1]), instant(row[2]));
    }

    public void save(String subject, Row row) {
        em.createNativeQuery("update sign_in_failures set failures = ?2, first_failure_at = ?3, locked_until = ?4 "
                        + "where subject = ?1").setParameter(1, subject).setParameter(2, row.failures())
                .setParameter(3, Timestamp.from(row.firstFailureAt()))
                .setParameter(4, row.lockedUntil() == null ? null : Timestamp.from(row.lockedUntil()))
                .executeUpdate();
    }

    public void clear(String subject) {
        em.createNativeQuery("delete from sign_in_failures where subject = ?1").setParameter(1, subject)
                .executeUpdate();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Timestamp t -> t.toInstant();
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }
}
