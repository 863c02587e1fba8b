package io.tollgate.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of a list in creation order, as OpenAI's list endpoints page: up to {@code limit} items after a cursor
 * (an item's id), and whether more follow. Keyset paging on (created_at, id), so a page costs the same however deep.
 */
public record Page<T>(List<T> items, boolean hasMore) {

    /** The same page with each item as {@code f} makes it (an entity as its view record). */
    public <R> Page<R> map(java.util.function.Function<? super T, ? extends R> f) {
        return new Page<>(items.stream().<R>map(f).toList(), hasMore);
    }

    /**
     * @param where      a JPQL condition on alias {@code x} (or "true")
     * @param after      the cursor item's creation time and id, or null for the first page
     */
    public static <T> Page<T> of(EntityManager em, Class<T> type, String where, Map<String, Object> params,
                                 Instant afterCreatedAt, String afterId, int limit) {
        String cursor = afterCreatedAt == null ? ""
                : " and (x.createdAt > :afterCreatedAt or (x.createdAt = :afterCreatedAt and x.id > :afterId))";
        TypedQuery<T> query = em.createQuery("select x from " + type.getSimpleName() + " x where " + where + cursor
                + " order by x.createdAt, x.id", type);
        params.forEach(query::setParameter);
        if (afterCreatedAt != null) {
            query.setParameter("afterCreatedAt", afterCreatedAt).setParameter("afterId", afterId);
        }
        List<T> rows = query.setMaxResults(limit + 1).getResultList();
        return rows.size() > limit ? new Page<>(List.copyOf(rows.subList(0, limit)), true) : new Page<>(rows, false);
    }
}
