package io.tollgate.gateway.projects.boundary;

import io.tollgate.gateway.platform.Deleted;
import io.tollgate.gateway.platform.ListPage;
import io.tollgate.gateway.platform.binding.AdminJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The wire shapes of organization.project, its service accounts and its API keys, field for field (a missing field
 * differs from a null one), as OpenAI's SDKs and the portal read them.
 */
class ProjectObjectsTest {

    private static final Instant CREATED = Instant.ofEpochSecond(1_700_000_000);
    private static final ServiceAccountView BOT = new ServiceAccountView("svc_acct_1", "proj_1", "bot", "member",
            Instant.ofEpochSecond(1_700_000_050));

    @Test
    void anActiveProjectHasAnExplicitNullArchivedAt() {
        assertSameJson("{\"id\":\"proj_1\",\"object\":\"organization.project\",\"name\":\"Acme\","
                        + "\"created_at\":1700000000,\"archived_at\":null,\"status\":\"active\"}",
                ProjectObject.of(new ProjectView("proj_1", "Acme", "active", CREATED, null)));
    }

    @Test
    void anArchivedProjectSaysWhen() {
        assertSameJson("{\"id\":\"proj_1\",\"object\":\"organization.project\",\"name\":\"Acme\","
                        + "\"created_at\":1700000000,\"archived_at\":1700000900,\"status\":\"archived\"}",
                ProjectObject.of(new ProjectView("proj_1", "Acme", "archived", CREATED,
                        Instant.ofEpochSecond(1_700_000_900))));
    }

    @Test
    void aServiceAccountShowsNoKeyExceptOnTheAnswerToItsCreate() {
        assertSameJson("{\"object\":\"organization.project.service_account\",\"id\":\"svc_acct_1\",\"name\":\"bot\","
                + "\"role\":\"member\",\"created_at\":1700000050}", ServiceAccountObject.of(BOT));

        var created = new ProjectsFacade.CreatedServiceAccount(BOT, key(null, null, null, "svc_acct_1"),
                "sk-tg-secret");
        assertSameJson("{\"object\":\"organization.project.service_account\",\"id\":\"svc_acct_1\",\"name\":\"bot\","
                + "\"role\":\"member\",\"created_at\":1700000050,\"api_key\":{"
                + "\"object\":\"organization.project.service_account.api_key\",\"value\":\"sk-tg-secret\","
                + "\"name\":\"bot\",\"created_at\":1700000000,\"id\":\"key_1\"}}", ServiceAccountObject.created(created));
    }

    @Test
    void aNewServiceAccountKeyHasExplicitNullsForWhatIsUnsetAndItsOwnerInFull() {
        assertSameJson("{\"object\":\"organization.project.api_key\",\"redacted_value\":\"sk-tg-abc\",\"name\":\"bot\","
                + "\"created_at\":1700000000,\"last_used_at\":null,\"id\":\"key_1\",\"owner_project_access\":\"active\","
                + "\"owner\":{\"type\":\"service_account\",\"service_account\":{\"id\":\"svc_acct_1\",\"name\":\"bot\","
                + "\"role\":\"member\",\"created_at\":1700000050}},\"expires_at\":null,\"allowed_models\":null}",
                ApiKeyObject.of(key(null, null, null, "svc_acct_1"), BOT));
    }

    @Test
    void aRestrictedUsedKeyOfTollgatesOwnShowsItsSettingsAndAUserOwner() {
        ApiKeyView demo = key(Instant.ofEpochSecond(4_102_444_800L), Instant.ofEpochSecond(1_700_000_300),
                "[\"demo\",\"llama\"]", null);

        assertSameJson("{\"object\":\"organization.project.api_key\",\"redacted_value\":\"sk-tg-abc\",\"name\":\"bot\","
                + "\"created_at\":1700000000,\"last_used_at\":1700000300,\"id\":\"key_1\","
                + "\"owner_project_access\":\"active\",\"owner\":{\"type\":\"user\"},\"expires_at\":4102444800,"
                + "\"allowed_models\":[\"demo\",\"llama\"]}", ApiKeyObject.of(demo, null));
        assertSameJson("{\"object\":\"organization.project.api_key\",\"redacted_value\":\"sk-tg-abc\",\"name\":\"bot\","
                + "\"created_at\":1700000000,\"last_used_at\":null,\"id\":\"key_1\",\"owner_project_access\":\"active\","
                + "\"owner\":{\"type\":\"user\"},\"expires_at\":null,\"allowed_models\":[]}",
                ApiKeyObject.of(key(null, null, "[]", null), null));
    }

    @Test
    void listsAndDeletionsAreOpenAisObjects() {
        assertSameJson("{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}",
                ListPage.of(List.<ProjectObject>of(), ProjectObject::id, false));
        var a = ProjectObject.of(new ProjectView("proj_a", "A", "active", CREATED, null));
        var b = ProjectObject.of(new ProjectView("proj_b", "B", "active", CREATED, null));
        String project = "{\"object\":\"organization.project\",\"created_at\":1700000000,\"archived_at\":null,"
                + "\"status\":\"active\",";
        assertSameJson("{\"object\":\"list\",\"data\":[" + project + "\"id\":\"proj_a\",\"name\":\"A\"}," + project
                        + "\"id\":\"proj_b\",\"name\":\"B\"}],\"first_id\":\"proj_a\",\"last_id\":\"proj_b\","
                        + "\"has_more\":true}", ListPage.of(List.of(a, b), ProjectObject::id, true));
        assertSameJson("{\"object\":\"organization.project.api_key.deleted\",\"id\":\"key_1\",\"deleted\":true}",
                Deleted.of("organization.project.api_key.deleted", "key_1"));
    }

    private static ApiKeyView key(Instant expiresAt, Instant lastUsedAt, String allowedModels, String account) {
        return new ApiKeyView("key_1", "proj_1", "bot", "sk-tg-abc", CREATED, expiresAt, null, lastUsedAt, account,
                allowedModels);
    }

    private static void assertSameJson(String expected, Object actual) {
        String json = AdminJson.JSONB.toJson(actual);
        assertEquals(read(expected), read(json), json);
    }

    private static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
