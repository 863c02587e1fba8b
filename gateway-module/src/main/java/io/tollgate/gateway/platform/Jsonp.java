package io.tollgate.gateway.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static methods look the provider up on every call
 * (a ServiceLoader scan, tens of microseconds) — too slow for code that runs per chunk.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }
}
