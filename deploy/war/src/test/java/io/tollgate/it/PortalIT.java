package io.tollgate.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin portal in a real browser: headless Debian Chromium against the real tollgate.war on Payara Micro and a
 * real PostgreSQL (seeded by {@link TestDatabase}: admin {@code admin}, the demo simulator backend). Vaadin renders
 * parts of its components into shadow DOM, so the login form's error message is reached through
 * {@link WebElement#getShadowRoot()} and the grid's rows are read with a script; every step waits (for Vaadin to be
 * idle, for a URL, for an element) instead of sleeping. Each page is saved as a screenshot under
 * {@code target/screenshots/}.
 */
@ExtendWith(HeadlessChromium.RequireInstalled.class) // first: no Payara boot when the browser is missing
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalIT {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "integration-test-password";
    static final Path TARGET = Path.of("target");
    static final Path SCREENSHOTS = TARGET.resolve("screenshots");

    static HeadlessChromium chromium;
    static WebDriver browser;

    @ArquillianResource
    URL base;

    /** On a failed test: what the browser showed, next to the test reports. */
    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser == null) {
                return;
            }
            String name = "portal-failed-" + context.getRequiredTestMethod().getName();
            try {
                chromium.screenshot(TARGET.resolve(name + ".png"));
                Files.writeString(TARGET.resolve(name + ".html"),
                        browser.getCurrentUrl() + "\n" + browser.getPageSource(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    };

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateClient.deployment();
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = HeadlessChromium.start(TARGET.resolve("portal-chromedriver.log"));
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
            chromium = null;
            browser = null;
        }
    }

    /** Every test starts as a visitor without a session, once the application is ready. */
    @BeforeEach
    void anonymousVisitor() throws Exception {
        awaitReady();
        chromium.clearCookies();
    }

    @Test
    void sendsAnonymousVisitorsToLogin() {
        open("/");
        awaitLoginPage();
        assertEquals("Sign in · Tollgate", browser.getTitle());
        assertNoBackendsShown("to a visitor");
        // This deployment has no OpenID Connect settings: password login only (PortalSsoIT runs the other case).
        assertTrue(browser.findElements(By.cssSelector("vaadin-button.sso-login")).isEmpty(), "no SSO button");

        open("/backends");
        awaitLoginPage();
        assertNoBackendsShown("to a visitor");
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        open("/");
        awaitLoginPage();
        submitLogin(ADMIN_USER, "not-the-password");

        WebElement error = awaitLoginError();
        assertEquals("Incorrect username or password",
                error.findElement(By.cssSelector("[part='error-message-title']")).getText());
        assertEquals("/login", currentPath());
        assertNoBackendsShown("after a wrong password");

        // Still nobody signed in: the portal's home sends the browser back to login.
        open("/");
        awaitLoginPage();

        // Audited as OpenAI's login.failed; a username nobody has is not written down (it may be a password).
        submitLogin("no-such-user-" + System.nanoTime(), "whatever-was-typed");
        awaitLoginError();
        var failed = loginEvents("login.failed");
        assertTrue(failed.stream().anyMatch(e -> ADMIN_USER.equals(actorName(e))
                && "invalid_credentials".equals(e.getJsonObject("login.failed").getString("error_code"))), failed.toString());
        assertTrue(failed.stream().noneMatch(e -> String.valueOf(actorName(e)).startsWith("no-such-user")
                || e.toString().contains("whatever-was-typed")), failed.toString());
    }

    private List<jakarta.json.JsonObject> loginEvents(String type) throws Exception {
        HttpResponse<String> audit = new TollgateClient(base).get("/v1/organization/audit_logs?limit=100"
                + "&event_types%5B%5D=" + type, TestDatabase.ADMIN_KEY);
        assertEquals(200, audit.statusCode(), audit.body());
        return TollgateClient.json(audit.body()).getJsonArray("data").getValuesAs(jakarta.json.JsonObject.class);
    }

    private static String actorName(jakarta.json.JsonObject event) {
        var session = event.getJsonObject("actor").getJsonObject("session");
        return session == null ? null : session.getJsonObject("user").getString("email", null);
    }

    @Test
    void signsInAndSeesTheSeededSimulatorBackend() throws Exception {
        signInAsAdmin();
        assertTrue(loginEvents("login.succeeded").stream().anyMatch(e -> ADMIN_USER.equals(actorName(e))),
                "the sign-in is in the audit log as login.succeeded");

        assertEquals("Backends · Tollgate", browser.getTitle());
        assertEquals(ADMIN_USER, browser.findElement(By.className("signed-in-admin")).getText());
        Map<String, String> demo = awaitBackendRow("demo-simulator");
        assertEquals("Simulator", demo.get("Kind"), "the seeded backend is labelled as a simulator: " + demo);
        assertEquals("Enabled", demo.get("Enabled"), demo.toString());
        assertTrue(demo.get("Models").lines().anyMatch(line -> line.matches("demo( → .+)? \\(weight \\d+\\)")),
                "the simulator serves the model demo: " + demo);

        chromium.screenshot(TARGET.resolve("portal-backends.png"));
        screenshot("home");
    }

    @Test
    void signsOut() {
        signInAsAdmin();

        logoutButton().click();
        awaitLoginPage();

        open("/");
        awaitLoginPage();
        assertNoBackendsShown("after signing out");
    }


    /**
     * The key lifecycle through the portal only: a project, a service account whose key is shown once, a completion
     * with that key, and revocation reaching the gateway within 2 s.
     */
    @Test
    void createsAProjectAndAKeyThatWorksUntilRevoked() throws Exception {
        signInAsAdmin();
        String projectName = "Portal project " + UUID.randomUUID().toString().substring(0, 8);

        open("/projects");
        awaitElement("vaadin-grid.project-grid");
        screenshot("projects");
        click("vaadin-button.new-project");
        type("vaadin-text-field.new-project-name", projectName);
        clickButton("Create");
        awaitUntil("the new project's page", () -> currentPath().startsWith("/project/")
                && browser.findElements(By.cssSelector("h2.project-name")).stream()
                        .anyMatch(h -> projectName.equals(h.getText())));
        awaitVaadin();
        String projectId = awaitElement("span.project-id").getText().trim();
        screenshot("project-detail");

        type("vaadin-text-field.new-account-name", "portal-ci");
        click("vaadin-button.create-key");
        WebElement shown = awaitElement("vaadin-text-field.new-api-key > input");
        awaitUntil("the new key in its dialog", () -> !Objects.requireNonNullElse(shown.getDomProperty("value"), "")
                .isEmpty());
        String key = shown.getDomProperty("value");
        assertTrue(key.startsWith("sk-"), "an API key: " + key.substring(0, 3));
        screenshot("new-key-dialog");
        clickButton("Done");
        awaitUntil("the key dialog to close", () -> browser.findElements(By.cssSelector(
                "vaadin-text-field.new-api-key")).isEmpty());
        Map<String, String> row = awaitRow("vaadin-grid.key-grid", "Name", "portal-ci");
        assertEquals("Active", row.get("Status"), row.toString());
        assertFalse(row.get("Key").contains(key), "the list shows only the key's prefix: " + row);

        TollgateClient gateway = new TollgateClient(base);
        assertEquals(200, complete(gateway, key).statusCode(), "the key made in the portal works");

        clickInRow("vaadin-grid.key-grid", "Name", "portal-ci", "vaadin-button.revoke-key");
        clickConfirm();
        long revoked = System.nanoTime();
        // The facade lists a project's keys in use; a revoked one leaves the list.
        awaitUntil("the revoked key gone from the list", () -> gridRows("vaadin-grid.key-grid").stream()
                .noneMatch(r -> "portal-ci".equals(r.get("Name"))));
        int status = 0;
        while (System.nanoTime() - revoked < Duration.ofSeconds(2).toNanos()) {
            status = complete(gateway, key).statusCode();
            if (status == 401) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(401, status, "a key revoked in the portal is refused within 2 s");
        screenshot("project-key-revoked");

        // The audit log names the portal user who revoked it.
        HttpResponse<String> audit = gateway.get("/v1/organization/audit_logs?project_ids%5B%5D=" + projectId
                + "&event_types%5B%5D=api_key.deleted", TestDatabase.ADMIN_KEY);
        assertEquals(200, audit.statusCode(), audit.body());
        var events = TollgateClient.json(audit.body()).getJsonArray("data");
        assertEquals(1, events.size(), audit.body());
        var actor = events.getJsonObject(0).getJsonObject("actor");
        assertEquals("session", actor.getString("type"), audit.body());
        assertEquals(ADMIN_USER, actor.getJsonObject("session").getJsonObject("user").getString("email"),
                audit.body());
    }

    /** A backend added through the form, then a model's weight changed, each seen in the list. */
    @Test
    void addsABackendAndChangesAWeight() throws Exception {
        signInAsAdmin();
        String name = "portal-" + UUID.randomUUID().toString().substring(0, 8);

        click("vaadin-button.add-backend");
        type("vaadin-text-field.backend-name", name);
        type("vaadin-text-field.backend-base-url", "not a url");
        type("vaadin-text-field.model-name", "portal-model");
        type("vaadin-integer-field.model-weight", "2");
        click("vaadin-button.save-backend");
        // The admin API's own check and message, on the field it names.
        awaitUntil("the base URL marked invalid", () -> awaitElement("vaadin-text-field.backend-base-url")
                .getDomAttribute("invalid") != null);
        assertTrue(awaitElement("vaadin-text-field.backend-base-url").getText().contains("must be an http(s) URL"),
                awaitElement("vaadin-text-field.backend-base-url").getText());
        type("vaadin-text-field.backend-base-url", "http://127.0.0.1:9/v1");
        screenshot("backend-form");
        click("vaadin-button.save-backend");
        Map<String, String> added = awaitRowWith("vaadin-grid.backend-grid", "Name", name, "Models",
                "portal-model (weight 2)");
        assertEquals("OpenAI-compatible", added.get("Kind"), added.toString());


        clickInRow("vaadin-grid.backend-grid", "Name", name, "vaadin-button.backend-edit");
        type("vaadin-integer-field.model-weight", "5");
        click("vaadin-button.save-backend");
        awaitRowWith("vaadin-grid.backend-grid", "Name", name, "Models", "portal-model (weight 5)");
        awaitUntil("the backend form closed", () -> browser.findElements(By.cssSelector("vaadin-dialog-overlay"))
                .stream().noneMatch(WebElement::isDisplayed));

        // "Test connection" probes as the health checks do and answers in the row: nothing listens on port 9.
        clickInRow("vaadin-grid.backend-grid", "Name", name, "vaadin-button.backend-test");
        awaitRowWith("vaadin-grid.backend-grid", "Name", name, "Connection test", "Failed");
        clickInRow("vaadin-grid.backend-grid", "Name", "demo-simulator", "vaadin-button.backend-test");
        awaitRowWith("vaadin-grid.backend-grid", "Name", "demo-simulator", "Connection test", "Reachable");
        screenshot("backends");

        open("/models");
        awaitUntil("the new model's deployments", () -> !browser.findElements(By.cssSelector(
                "vaadin-grid.deployment-grid[data-model='portal-model']")).isEmpty());
        Map<String, String> deployment = awaitRow("vaadin-grid.deployment-grid[data-model='portal-model']",
                "Backend", name);
        assertEquals("5", deployment.get("Weight"), deployment.toString());
        screenshot("models");

        // Leaves the shared test database as it found it (other test classes count backends).
        open("/backends");
        clickInRow("vaadin-grid.backend-grid", "Name", name, "vaadin-button.backend-delete");
        clickConfirm();
        awaitUntil(name + " gone from the list", () -> gridRows("vaadin-grid.backend-grid").stream()
                .noneMatch(row -> name.equals(row.get("Name"))));
    }

    /**
     * A tenant admin made on the users page (the facade's own password rule shown on its field first) serves its
     * project's keys, reads its limits without the means to change them, and is refused another project's page by
     * URL and the fleet's pages; the audit log shows who added it.
     */
    @Test
    void aTenantAdminServesItsOwnProjectAndReachesNoOther() throws Exception {
        TollgateClient gateway = new TollgateClient(base);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ownName = "Tenant own " + suffix;
        String own = createProject(gateway, ownName);
        String other = createProject(gateway, "Tenant other " + suffix);
        String tenant = "tenant-" + suffix;

        signInAsAdmin();
        open("/users");
        awaitElement("vaadin-grid.user-grid");
        click("vaadin-button.new-user");
        type("vaadin-text-field.user-username", tenant);
        type("vaadin-password-field.user-password", "too short");
        choose("vaadin-select.user-role", "tenant_admin");
        awaitElement("vaadin-combo-box.user-project");
        chooseInComboBox("vaadin-combo-box.user-project", ownName);
        click("vaadin-button.save-user");
        awaitUntil("the password marked invalid", () -> awaitElement("vaadin-password-field.user-password")
                .getDomAttribute("invalid") != null);
        assertTrue(awaitElement("vaadin-password-field.user-password").getText()
                .contains("'password' must be 12 to 200 characters."),
                awaitElement("vaadin-password-field.user-password").getText());
        screenshot("user-form");
        type("vaadin-password-field.user-password", ADMIN_PASSWORD);
        click("vaadin-button.save-user");
        Map<String, String> user = awaitRowWith("vaadin-grid.user-grid", "Username", tenant, "Role", "tenant_admin");
        assertEquals(ownName, user.get("Project"), user.toString());
        screenshot("users");

        open("/audit");
        awaitUntil("the user.added entry by admin", () -> gridRows("vaadin-grid.audit-grid").stream()
                .anyMatch(r -> "user.added".equals(r.get("Event")) && ADMIN_USER.equals(r.get("Who"))
                        && r.get("Change (before → after)").contains("username = " + tenant)));
        type("vaadin-text-field.audit-actor", "nobody-" + suffix);
        awaitUntil("no entries for an unknown actor", () -> gridRows("vaadin-grid.audit-grid").isEmpty());
        type("vaadin-text-field.audit-actor", ADMIN_USER);
        awaitUntil("only the admin's entries", () -> !gridRows("vaadin-grid.audit-grid").isEmpty()
                && gridRows("vaadin-grid.audit-grid").stream().allMatch(r -> ADMIN_USER.equals(r.get("Who"))));
        screenshot("audit-log");

        logoutButton().click();
        awaitLoginPage();
        submitLogin(tenant, ADMIN_PASSWORD);
        awaitUntil("the tenant's own project page", () -> ("/project/" + own).equals(currentPath())
                && browser.findElements(By.cssSelector("h2.project-name")).stream()
                        .anyMatch(h -> ownName.equals(h.getText())));
        awaitVaadin();
        assertTrue(browser.findElements(By.cssSelector("vaadin-button.save-settings")).stream()
                .noneMatch(WebElement::isDisplayed), "limits are read-only to a tenant admin");
        type("vaadin-text-field.new-account-name", "tenant-ci");
        click("vaadin-button.create-key");
        WebElement shown = awaitElement("vaadin-text-field.new-api-key > input");
        awaitUntil("the new key in its dialog", () -> !Objects.requireNonNullElse(shown.getDomProperty("value"), "")
                .isEmpty());
        String key = shown.getDomProperty("value");
        clickButton("Done");
        awaitRow("vaadin-grid.key-grid", "Name", "tenant-ci");
        assertEquals(200, complete(gateway, key).statusCode(), "the key a tenant admin made works");
        screenshot("tenant-project");

        // Its usage page reads its own project only (the ledger refuses a tenant admin any other selection).
        open("/usage");
        awaitElement(".usage-requests");
        assertTrue(notifications().stream().noneMatch(n -> n.contains("No project")), notifications().toString());

        // Another project's page by URL: refused by the route guard on the server, its name never sent.
        open("/project/" + other);
        awaitElement(".access-denied-view");
        assertTrue(browser.findElements(By.cssSelector("h2.project-name")).isEmpty(), "no project shown");
        assertFalse(browser.getPageSource().contains("Tenant other " + suffix), "the other project's name leaked");
        screenshot("tenant-refused");
        open("/backends");
        awaitElement(".access-denied-view");
        open("/users");
        awaitElement(".access-denied-view");
    }

    /**
     * The dashboard open in the browser shows requests sent after it opened, without a reload (server push), with
     * the alert thresholds drawn into its charts.
     */
    @Test
    void theDashboardShowsTheTrafficJustSent() throws Exception {
        signInAsAdmin();
        open("/monitoring");
        awaitElement("vaadin-grid.model-stats");
        awaitElement(".dashboard-verdict");
        long before = dashboardRequests("demo");
        TollgateClient gateway = new TollgateClient(base);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, complete(gateway, TestDatabase.DEMO_KEY).statusCode());
        }
        awaitUntil("the dashboard to show 3 more requests for demo", () -> dashboardRequests("demo") >= before + 3);
        Map<String, String> demo = awaitRow("vaadin-grid.model-stats", "Model", "demo");
        assertTrue(demo.get("P50").matches("\\d+ ms.*|[\\d.]+ s.*"), demo.toString());
        assertFalse(browser.findElements(By.cssSelector(".dashboard-chart svg line.threshold")).isEmpty(),
                "thresholds are drawn");
        assertFalse(awaitElement(".dashboard-verdict").getText().isBlank());
        screenshot("monitoring");
    }

    /** The read-only pages render for a platform admin: GPU costs and usage (with the demo key's requests). */
    @Test
    void showsGpuCostsAndUsage() throws Exception {
        TollgateClient gateway = new TollgateClient(base);
        assertEquals(200, complete(gateway, TestDatabase.DEMO_KEY).statusCode());
        signInAsAdmin();

        open("/gpu-costs");
        awaitRow("vaadin-grid.backend-cost-grid", "Backend", "demo-simulator");
        assertFalse(gridRows("vaadin-grid.gpu-catalogue").isEmpty(), "the seeded GPU catalogue is listed");
        screenshot("gpu-costs");

        // The ledger writes in batches: reload until the demo request is in the rollups.
        awaitUntil("usage with the demo request", () -> {
            open("/usage");
            WebElement requests = awaitElement(".usage-requests");
            return !"0".equals(requests.getText().trim());
        });
        assertFalse(browser.findElements(By.cssSelector(".usage-chart svg rect")).isEmpty(), "bars are drawn");
        screenshot("usage");
    }

    /** A viewer reads every page, but a change is refused on the server with a notification. */
    @Test
    void refusesAViewersChanges() throws Exception {
        try (var db = TestDatabase.connect(); var insert = db.prepareStatement("""
                insert into admin_users (id, username, password_hash, role, created_at)
                select 'user_portal_viewer', 'viewer', password_hash, 'viewer', now() from admin_users
                where username = ? on conflict (username) do nothing""")) {
            insert.setString(1, ADMIN_USER);
            insert.executeUpdate();
        }
        open("/");
        awaitLoginPage();
        submitLogin("viewer", ADMIN_PASSWORD);
        awaitUntil("the backends page", () -> !browser.findElements(By.cssSelector("vaadin-grid.backend-grid"))
                .isEmpty());
        awaitVaadin();

        open("/projects");
        awaitElement("vaadin-grid.project-grid");
        int before = gridRows("vaadin-grid.project-grid").size();
        click("vaadin-button.new-project");
        type("vaadin-text-field.new-project-name", "Viewer's project");
        clickButton("Create");
        awaitUntil("the refusal", () -> notifications().stream()
                .anyMatch(n -> n.contains("Your role (viewer) may not change projects and their limits.")));
        screenshot("viewer-refused");
        clickButton("Cancel");
        open("/projects");
        awaitElement("vaadin-grid.project-grid");
        assertEquals(before, gridRows("vaadin-grid.project-grid").size(), "no project was created");
    }

    // ---- the pages

    private void signInAsAdmin() {
        open("/");
        awaitLoginPage();
        submitLogin(ADMIN_USER, ADMIN_PASSWORD);
        awaitUntil("the backends page after signing in", () -> "/".equals(currentPath())
                && !browser.findElements(By.cssSelector("vaadin-grid.backend-grid")).isEmpty());
        awaitVaadin();
    }

    @Test
    void pausesSignInForAUsernameAfterFiveFailuresAndSaysSoInWords() {
        String ghost = "nobody-" + System.nanoTime(); // no such user: the pause is the same, so it reveals nothing
        for (int attempt = 1; attempt <= 5; attempt++) {
            open("/login");
            awaitLoginPage();
            submitLogin(ghost, "guess-" + attempt);
            WebElement error = awaitLoginError();
            String title = error.findElement(By.cssSelector("[part='error-message-title']")).getText();
            assertEquals(attempt < 5 ? "Incorrect username or password" : "Too many failed sign-ins", title,
                    "attempt " + attempt);
        }
        open("/login");
        awaitLoginPage();
        submitLogin(ghost, "guess-6");
        WebElement paused = awaitLoginError();
        assertTrue(paused.getText().matches("(?s).*Try again in [0-9]+ seconds.*"), paused.getText());

        // Another username from the same address is not paused (an address takes 20 failures).
        signInAsAdmin();
    }

    /** Until the browser shows the login form at /login. */
    private void awaitLoginPage() {
        awaitUntil("the login page at /login", () -> "/login".equals(currentPath())
                && !browser.findElements(By.tagName("vaadin-login-form")).isEmpty());
        awaitVaadin();
    }

    /**
     * Types into the LoginForm's fields and presses its submit button. vaadin-login-form renders its own template
     * into its light DOM (so that password managers see a real form); only the wrapper around it has a shadow root.
     */
    private void submitLogin(String username, String password) {
        WebElement form = browser.findElement(By.tagName("vaadin-login-form"));
        WebElement user = form.findElement(By.cssSelector("#vaadinLoginUsername > input"));
        user.clear();
        user.sendKeys(username);
        WebElement pass = form.findElement(By.cssSelector("#vaadinLoginPassword > input"));
        pass.clear();
        pass.sendKeys(password);
        form.findElement(By.cssSelector("vaadin-button[slot='submit']")).click();
        awaitVaadin();
    }

    /**
     * The LoginForm's error message, once it is shown: in the shadow root of vaadin-login-form-wrapper, which Vaadin 25
     * renders inside vaadin-login-form's own shadow root.
     */
    private WebElement awaitLoginError() {
        awaitUntil("the login form's error message", () -> {
            WebElement box = loginErrorBox();
            return box.getDomAttribute("hidden") == null && box.isDisplayed();
        });
        return loginErrorBox();
    }

    private WebElement loginErrorBox() {
        return browser.findElement(By.tagName("vaadin-login-form")).getShadowRoot()
                .findElement(By.cssSelector("vaadin-login-form-wrapper")).getShadowRoot()
                .findElement(By.cssSelector("[part='error-message']"));
    }

    private WebElement logoutButton() {
        return browser.findElements(By.tagName("vaadin-button")).stream()
                .filter(button -> "Logout".equals(button.getText().trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no Logout button on " + browser.getCurrentUrl()));
    }

    /** The backends grid's row for the backend with this name, as header → cell text. */
    private Map<String, String> awaitBackendRow(String name) {
        return awaitRow("vaadin-grid.backend-grid", "Name", name);
    }

    // ---- acting on the portal

    private HttpResponse<String> complete(TollgateClient gateway, String key) throws Exception {
        return gateway.post("/v1/chat/completions", key, """
                {"model":"demo","messages":[{"role":"user","content":"Hello from the portal test"}],"max_tokens":8}""");
    }

    private String createProject(TollgateClient gateway, String name) throws Exception {
        HttpResponse<String> created = gateway.post("/v1/organization/projects", TestDatabase.ADMIN_KEY,
                "{\"name\":\"" + name + "\"}");
        assertEquals(200, created.statusCode(), created.body());
        return TollgateClient.json(created.body()).getString("id");
    }

    /** The dashboard's request count for a model, 0 while it has no row. */
    private long dashboardRequests(String model) {
        return gridRows("vaadin-grid.model-stats").stream().filter(r -> model.equals(r.get("Model")))
                .map(r -> r.get("Requests").replaceAll("\\D", "")).filter(v -> !v.isEmpty())
                .mapToLong(Long::parseLong).findFirst().orElse(0);
    }

    /** Opens a vaadin-select and picks the item with this text. */
    private void choose(String selectCss, String item) {
        click(selectCss);
        awaitUntil("the item " + item, () -> browser.findElements(By.tagName("vaadin-select-item")).stream()
                .anyMatch(i -> i.isDisplayed() && item.equals(i.getText().trim())));
        browser.findElements(By.tagName("vaadin-select-item")).stream()
                .filter(i -> i.isDisplayed() && item.equals(i.getText().trim())).findFirst().orElseThrow().click();
        awaitVaadin();
    }

    /** Types into a vaadin-combo-box and picks the first item that contains the text. */
    private void chooseInComboBox(String comboCss, String text) {
        WebElement input = awaitElement(comboCss + " > input");
        input.click();
        input.sendKeys(text);
        awaitUntil("a combo box item " + text, () -> browser.findElements(By.tagName("vaadin-combo-box-item"))
                .stream().anyMatch(i -> i.isDisplayed() && i.getText().contains(text)));
        browser.findElements(By.tagName("vaadin-combo-box-item")).stream()
                .filter(i -> i.isDisplayed() && i.getText().contains(text)).findFirst().orElseThrow().click();
        awaitVaadin();
    }

    private void screenshot(String page) throws IOException {
        awaitVaadin();
        chromium.screenshot(SCREENSHOTS.resolve(page + ".png"));
    }

    /** The first displayed element matching the selector, once there is one. */
    private WebElement awaitElement(String css) {
        awaitUntil("an element " + css, () -> browser.findElements(By.cssSelector(css)).stream()
                .anyMatch(WebElement::isDisplayed));
        return browser.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow();
    }

    private void click(String css) {
        awaitElement(css).click();
        awaitVaadin();
    }

    /** The last displayed button with this text: the one in the topmost dialog when several match. */
    private void clickButton(String text) {
        awaitUntil("a button " + text, () -> !buttons(text).isEmpty());
        List<WebElement> matching = buttons(text);
        matching.get(matching.size() - 1).click();
        awaitVaadin();
    }

    private List<WebElement> buttons(String text) {
        return browser.findElements(By.tagName("vaadin-button")).stream()
                .filter(b -> b.isDisplayed() && text.equals(b.getText().trim())).toList();
    }

    /** Replaces a Vaadin field's text (the native input in its light DOM) and leaves it, so the value is sent. */
    private void type(String fieldCss, String text) {
        WebElement input = awaitElement(fieldCss + " > input");
        // Focused by script, not clicked: a notification may lie over the field.
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});"
                + "arguments[0].focus();", input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text, Keys.TAB);
        awaitVaadin();
    }

    /** Presses the confirm button of the open ConfirmDialog. */
    private void clickConfirm() {
        awaitUntil("a confirm dialog", () -> browser.findElements(By.cssSelector(
                "vaadin-button[slot='confirm-button']")).stream().anyMatch(WebElement::isDisplayed));
        List<WebElement> confirm = browser.findElements(By.cssSelector("vaadin-button[slot='confirm-button']"))
                .stream().filter(WebElement::isDisplayed).toList();
        confirm.get(confirm.size() - 1).click();
        awaitVaadin();
    }

    /** The texts of the notifications on screen. */
    @SuppressWarnings("unchecked")
    private List<String> notifications() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const texts = [];
                const walk = root => root.querySelectorAll('*').forEach(el => {
                  if (el.localName === 'vaadin-notification-card') texts.push(el.innerText || el.textContent || '');
                  if (el.shadowRoot) walk(el.shadowRoot);
                });
                walk(document);
                return texts;
                """);
    }

    /** Clicks the element matching {@code buttonCss} inside the row whose {@code column} reads {@code key}. */
    private void clickInRow(String gridCss, String column, String key, String buttonCss) {
        awaitRow(gridCss, column, key);
        Object clicked = ((JavascriptExecutor) browser).executeScript(ROW_SCRIPT + """
                const row = rows.find(r => r.cells[names.indexOf(arguments[1])] === arguments[2]);
                if (!row) return false;
                for (const td of row.tds) {
                  const slot = td.querySelector('slot');
                  for (const content of (slot ? slot.assignedElements({flatten: true}) : [])) {
                    const target = content.querySelector(arguments[3]);
                    if (target) { target.click(); return true; }
                  }
                }
                return false;
                """, browser.findElement(By.cssSelector(gridCss)), column, key, buttonCss);
        assertEquals(Boolean.TRUE, clicked, "no " + buttonCss + " in the row " + key + " of " + gridCss);
        awaitVaadin();
    }

    private Map<String, String> awaitRow(String gridCss, String column, String key) {
        return awaitRowWith(gridCss, column, key, null, null);
    }

    /** The row whose {@code column} reads {@code key}, once its {@code field} contains {@code value} (if given). */
    private Map<String, String> awaitRowWith(String gridCss, String column, String key, String field, String value) {
        awaitUntil("a row " + key + " in " + gridCss + (field == null ? "" : " with " + field + " " + value), () -> {
            boolean found = gridRows(gridCss).stream().anyMatch(row -> key.equals(row.get(column))
                    && (field == null || Objects.requireNonNullElse(row.get(field), "").contains(value)));
            if (!found) {
                scrollOn(gridCss);
            }
            return found;
        });
        return gridRows(gridCss).stream().filter(row -> key.equals(row.get(column))).findFirst().orElseThrow();
    }

    private static final String ROW_SCRIPT = """
            const grid = arguments[0];
            const text = cell => {
              const slot = cell.querySelector('slot');
              const shown = slot ? slot.assignedElements({flatten: true}) : [];
              return shown.map(node => node.innerText).join('').trim();
            };
            const header = [...grid.shadowRoot.querySelectorAll('#header tr')].filter(tr => !tr.hidden).pop();
            const names = header ? [...header.querySelectorAll('th')].map(text) : [];
            const rows = [...grid.shadowRoot.querySelectorAll('#items tr')]
                .filter(tr => !tr.hidden && tr._item)
                .sort((a, b) => a.index - b.index)
                .map(tr => ({tds: [...tr.querySelectorAll('td')], cells: [...tr.querySelectorAll('td')].map(text)}));
            """;

    /**
     * The grid renders only the rows in view (earlier tests leave many backends in the shared database): scroll most
     * of a screen further, back to the top after the last one, so a row is seen wherever it sits.
     */
    private void scrollOn(String gridCss) {
        ((JavascriptExecutor) browser).executeScript("""
                const table = arguments[0].$.table;
                table.scrollTop = table.scrollTop + table.clientHeight >= table.scrollHeight - 1
                    ? 0 : table.scrollTop + Math.floor(table.clientHeight * 0.8);
                """, browser.findElement(By.cssSelector(gridCss)));
    }

    /** Every rendered row of a grid, as header → cell text. */
    @SuppressWarnings("unchecked")
    private List<Map<String, String>> gridRows(String gridCss) {
        return (List<Map<String, String>>) ((JavascriptExecutor) browser).executeScript(ROW_SCRIPT + """
                return rows.map(r => {
                  const row = {};
                  r.cells.forEach((cell, i) => row[names[i] || ('column ' + i)] = cell);
                  return row;
                });
                """, browser.findElement(By.cssSelector(gridCss)));
    }

    // ---- waiting

    private void open(String path) {
        chromium.open(uri(path));
    }

    private void awaitVaadin() {
        chromium.awaitVaadin();
    }

    private void awaitUntil(String what, BooleanSupplier condition) {
        chromium.awaitUntil(what, condition);
    }

    private String currentPath() {
        return chromium.currentPath();
    }

    private URI uri(String path) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return URI.create(root + path);
    }

    private void awaitReady() throws Exception {
        new TollgateClient(base).awaitReady();
    }

    private static void assertNoBackendsShown(String when) {
        assertTrue(browser.findElements(By.tagName("vaadin-grid")).isEmpty(), "no backends shown " + when);
    }
}
