package io.tollgate.gateway.ledger.control;

import io.tollgate.gateway.platform.RequestIds;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventIdTest {

    @Test
    void eventIdsAreDistinctVersion4Uuids() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = CallLedger.eventId();
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
            assertTrue(seen.add(id));
            assertEquals(id, UUID.fromString(id.toString()));
        }
    }

    @Test
    void freshRequestIdsAreDistinctAndPrintable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.from(null);
            assertTrue(id.matches("req_[0-9A-Za-z]{24}"), id);
            assertTrue(seen.add(id));
        }
        assertEquals("client-7", RequestIds.from("client-7"));
    }
}
