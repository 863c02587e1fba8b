package io.tollgate.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single sign-on to the portal in a real browser: a Tollgate replica of its own (SSO is configured for this Payara
 * Micro only, so the shared Arquillian deployment keeps its password-only login — PortalIT checks that side) signing
 * in through {@link TestOidcProvider}, a provider speaking OpenID Connect's wire format, with Jakarta Security's
 * OpenID Connect mechanism doing the authorization code flow.
 */
@ExtendWith(HeadlessChromium.RequireInstalled.class)
class PortalSsoIT {

    // This helper's ports (18400–18499): the provider, the database and Tollgate.
    static final int PROVIDER_PORT = 18401;
    static final int DATABASE_PORT = 18402;
    static final int TOLLGATE_PORT = 18403;
    static final Path TARGET = Path.of("target");

    static final TestOidcProvider.Person OPS = new TestOidcProvider.Person("sub-ops-1", "ops", "ops@example.com",
            true);
    static final TestOidcProvider.Person ADMIN = new TestOidcProvider.Person("sub-admin-1", "admin",
            "someone.else@example.com", true);
    static final TestOidcProvider.Person STRANGER = new TestOidcProvider.Person("sub-stranger-1", "stranger",
            "stranger@example.com", true);

    static EmbeddedPostgres database;
    static TestOidcProvider provider;
    static ReplicaProcess tollgate;
    static HeadlessChromium chromium;
    static WebDriver browser;
    /** What Tollgate had asked the provider when it became ready: nothing, if deploying fetches nothing. */
    static int discoveriesWhenReady;

    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser == null) {
                return;
            }
            String name = "portal-sso-failed-" + context.getRequiredTestMethod().getName();
            try {
                chromium.screenshot(TARGET.resolve(name + ".png"));
                Files.writeString(TARGET.resolve(name + ".html"), browser.getCurrentUrl() + "\n"
                        + browser.manage().getCookies() + "\n" + browser.getPageSource(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    };

    @BeforeAll
    static void startProviderTollgateAndBrowser() throws Exception {
        database = EmbeddedPostgres.builder().setPort(DATABASE_PORT).start();
        provider = TestOidcProvider.start(PROVIDER_PORT);
        String url = "jdbc:postgresql://localhost:" + DATABASE_PORT + "/postgres";
        tollgate = ReplicaProcess.start("portal-sso", TOLLGATE_PORT, url, "postgres", "postgres",
                Files.createTempDirectory("tollgate-sso-spill"), List.of(
                        "-DTOLLGATE_OIDC_ISSUER=" + provider.issuer(),
                        "-DTOLLGATE_OIDC_CLIENT_ID=" + TestOidcProvider.CLIENT_ID,
                        "-DTOLLGATE_OIDC_CLIENT_SECRET=" + TestOidcProvider.CLIENT_SECRET));
        TollgateClient client = new TollgateClient(tollgate.url());
        tollgate.awaitReady(client);
        discoveriesWhenReady = provider.discoveries();
        // The operator exists in Tollgate under its e-mail address only; the seeded platform admin is "admin".
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement insert = c.prepareStatement("insert into admin_users (id, username, password_hash, "
                     + "role) values ('user_sso_ops', 'ops@example.com', 'no password: signs in by SSO', "
                     + "'operator')")) {
            insert.executeUpdate();
        }
        chromium = HeadlessChromium.start(TARGET.resolve("portal-sso-chromedriver.log"));
        browser = chromium.driver();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try (AutoCloseable db = database; AutoCloseable op = provider; AutoCloseable tg = tollgate;
             AutoCloseable ch = chromium) {
            browser = null;
        }
    }

    @BeforeEach
    void anonymousVisitor() {
        chromium.clearCookies();
    }

    @Test
    void fetchesNothingFromTheProviderBeforeTheFirstSignIn() {
        assertEquals(0, discoveriesWhenReady,
                "the provider's metadata is read on the first SSO sign-in, not at deployment");
    }

    @Test
    void signsInThroughTheProviderAsThePortalUserWithThatEmail() throws Exception {
        provider.approveAs(OPS);
        int authorizationsBefore = provider.authorizations();
        open("/");
        awaitLoginPage();
        ssoButton().click();

        awaitSignedInAs("ops@example.com");
        assertEquals("operator", browser.findElement(By.className("signed-in-role")).getText());
        assertEquals(authorizationsBefore + 1, provider.authorizations(), "the browser went to the provider once");
        chromium.screenshot(TARGET.resolve("screenshots").resolve("sso-signed-in.png"));

        // The operator's portal, not a platform admin's: no users page in its navigation.
        String navigation = browser.findElement(By.cssSelector("vaadin-side-nav.main-navigation")).getText();
        assertTrue(navigation.contains("Backends") && !navigation.contains("Users & roles"), navigation);

        logoutButton().click();
        awaitLoginPage();
        open("/backends");
        awaitLoginPage();
    }

    @Test
    void matchesTheUsernameClaimBeforeTheEmail() throws Exception {
        provider.approveAs(ADMIN);
        open("/");
        awaitLoginPage();
        ssoButton().click();

        awaitSignedInAs("admin");
        assertEquals("platform_admin", browser.findElement(By.className("signed-in-role")).getText());
    }

    @Test
    void refusesAnIdentityWithoutAPortalUser() throws Exception {
        provider.approveAs(STRANGER);
        int tokensBefore = provider.tokensIssued();
        open("/");
        awaitLoginPage();
        ssoButton().click();

        awaitUntil("the refusal on the login page", () -> "/login".equals(currentPath())
                && browser.findElements(By.cssSelector("p.sso-error")).stream().anyMatch(WebElement::isDisplayed));
        assertEquals(tokensBefore + 1, provider.tokensIssued(), "the provider did sign the stranger in");
        assertTrue(browser.findElement(By.cssSelector("p.sso-error")).getText()
                .contains("Tollgate has no portal user with that username or e-mail address"));
        assertTrue(browser.findElements(By.className("signed-in-admin")).isEmpty());
        chromium.screenshot(TARGET.resolve("screenshots").resolve("sso-refused.png"));

        // Signed in nowhere: the portal still sends the stranger to the login page.
        open("/");
        awaitLoginPage();
        assertTrue(browser.findElements(By.cssSelector("p.sso-error")).stream().noneMatch(WebElement::isDisplayed),
                "the refusal is not shown to the next visitor");
    }

    /**
     * Logout ends the SSO sign-in locally too: the SSO path is then a new trip to the provider, which may now sign in
     * someone else, never a silent sign-in by a session left behind.
     */
    @Test
    void logoutLeavesNoSsoSessionBehind() throws Exception {
        provider.approveAs(OPS);
        open("/");
        awaitLoginPage();
        ssoButton().click();
        awaitSignedInAs("ops@example.com");

        logoutButton().click();
        awaitLoginPage();
        int authorizationsBefore = provider.authorizations();
        provider.approveAs(ADMIN);
        open("/sso/login");
        awaitSignedInAs("admin");
        assertEquals(authorizationsBefore + 1, provider.authorizations(), "after logout, again at the provider");
    }

    private WebElement ssoButton() {
        awaitUntil("the Sign in with SSO button", () -> browser.findElements(By.cssSelector("vaadin-button.sso-login"))
                .stream().anyMatch(WebElement::isDisplayed));
        WebElement button = browser.findElement(By.cssSelector("vaadin-button.sso-login"));
        assertEquals("Sign in with SSO", button.getText().trim());
        return button;
    }

    private void awaitSignedInAs(String username) {
        awaitUntil("the portal signed in as " + username, () -> !currentPath().equals("/login")
                && browser.findElements(By.className("signed-in-admin")).stream()
                        .anyMatch(e -> username.equals(e.getText())));
        awaitVaadin();
    }

    private WebElement logoutButton() {
        return browser.findElements(By.tagName("vaadin-button")).stream()
                .filter(button -> "Logout".equals(button.getText().trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no Logout button on " + browser.getCurrentUrl()));
    }

    private void awaitLoginPage() {
        awaitUntil("the login page at /login", () -> "/login".equals(currentPath())
                && !browser.findElements(By.tagName("vaadin-login-form")).isEmpty());
        awaitVaadin();
    }

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

    private static URI uri(String path) {
        String root = tollgate.url().toString();
        return URI.create(root.substring(0, root.length() - 1) + path);
    }
}
