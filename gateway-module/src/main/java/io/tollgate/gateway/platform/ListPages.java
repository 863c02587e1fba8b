package io.tollgate.gateway.platform;

/** The {@code limit} query parameter of OpenAI's list endpoints (the list object itself is {@link ListPage}). */
public final class ListPages {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private ListPages() {
    }

    /** The {@code limit} query parameter: 1 to 100, 20 when absent. */
    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiException(ApiError.invalidRequest("'limit' must be an integer from 1 to " + MAX_LIMIT + ".", "limit"));
    }
}
