package io.tollgate.admin.audit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditChangeTest {

    @Test
    void showsEachRequestedChangeBesideWhatWasBefore() {
        assertEquals("role: viewer → tenant_admin; project_id: – → proj_a", AuditChange.describe("""
                {"changes_requested":{"role":"tenant_admin","project_id":"proj_a"},"before":{"role":"viewer"}}"""));
    }

    @Test
    void showsAFieldThatWasClearedAsAfterNone() {
        assertEquals("max_requests_per_1_minute: 60 → –", AuditChange.describe("""
                {"changes_requested":{},"before":{"max_requests_per_1_minute":60}}"""));
    }

    @Test
    void showsWhatWasCreated() {
        assertEquals("name = Acme", AuditChange.describe("{\"data\":{\"name\":\"Acme\"}}"));
    }

    @Test
    void showsWhatADeletionRemoved() {
        assertEquals("was username = tina; was role = tenant_admin", AuditChange.describe("""
                {"before":{"username":"tina","role":"tenant_admin"}}"""));
    }

    @Test
    void saysNothingForAnEventWithoutDetails() {
        assertEquals("", AuditChange.describe("{}"));
        assertEquals("", AuditChange.describe(null));
    }
}
