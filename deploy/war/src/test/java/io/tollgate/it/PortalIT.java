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
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The admin portal in a real browser: headless Debian Chromium against the real tollgate.war on Payara Micro and a
 * real PostgreSQL (seeded by {@link TestDatabase}: admin {@code admin}, the demo simulator backend). Vaadin renders
 * parts of its components into shadow DOM, so the login form's error message is reached through
 * {@link WebElement#getShadowRoot()} and the grid's rows are read with a script; every step waits (for Vaadin to be
 * idle, for a URL, for an element) instead of sleeping.
 */
@ExtendWith(HeadlessChromium.RequireInstalled.class) // first: no Payara boot when the browser is missing
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalIT {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "integration-test-password";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Path TARGET = Path.of("target");

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

        open("/backends");
        awaitLoginPage();
        assertNoBackendsShown("to a visitor");
    }

    @Test
    void refusesAWrongPassword() {
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
    }

    @Test
    void signsInAndSeesTheSeededSimulatorBackend() throws Exception {
        signInAsAdmin();

        assertEquals("Backends · Tollgate", browser.getTitle());
        assertEquals(ADMIN_USER, browser.findElement(By.className("signed-in-admin")).getText());
        Map<String, String> demo = awaitBackendRow("demo-simulator");
        assertEquals("Simulator", demo.get("Kind"), "the seeded backend is labelled as a simulator: " + demo);
        assertEquals("Enabled", demo.get("Enabled"), demo.toString());
        assertTrue(demo.get("Models").lines().anyMatch(line -> line.matches("demo( → .+)? \\(weight \\d+\\)")),
                "the simulator serves the model demo: " + demo);

        chromium.screenshot(TARGET.resolve("portal-backends.png"));
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

    // ---- the pages

    private void signInAsAdmin() {
        open("/");
        awaitLoginPage();
        submitLogin(ADMIN_USER, ADMIN_PASSWORD);
        awaitUntil("the backends page after signing in", () -> "/".equals(currentPath())
                && !browser.findElements(By.cssSelector("vaadin-grid.backend-grid")).isEmpty());
        awaitVaadin();
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

    /** The LoginForm's error message (in the shadow root of vaadin-login-form-wrapper), once it is shown. */
    private WebElement awaitLoginError() {
        awaitUntil("the login form's error message", () -> {
            WebElement box = loginErrorBox();
            return box.getDomAttribute("hidden") == null && box.isDisplayed();
        });
        return loginErrorBox();
    }

    private WebElement loginErrorBox() {
        return browser.findElement(By.cssSelector("vaadin-login-form > vaadin-login-form-wrapper")).getShadowRoot()
                .findElement(By.cssSelector("[part='error-message']"));
    }

    private WebElement logoutButton() {
        return browser.findElements(By.tagName("vaadin-button")).stream()
                .filter(button -> "Logout".equals(button.getText().trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no Logout button on " + browser.getCurrentUrl()));
    }

    /**
     * The grid's row for the backend with this name, as header → cell text. The grid's rows live in its shadow root;
     * each cell shows a light-DOM vaadin-grid-cell-content through a slot.
     */
    private Map<String, String> awaitBackendRow(String name) {
        awaitUntil("a grid row for " + name,
                () -> backendRows().stream().anyMatch(row -> name.equals(row.get("Name"))));
        return backendRows().stream().filter(row -> name.equals(row.get("Name"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> backendRows() {
        Object rows = ((JavascriptExecutor) browser).executeScript("""
                const grid = arguments[0];
                const text = cell => {
                  const slot = cell.querySelector('slot');
                  const shown = slot ? slot.assignedElements({flatten: true}) : [];
                  return shown.map(node => node.innerText).join('').trim();
                };
                const header = [...grid.shadowRoot.querySelectorAll('#header tr')].filter(tr => !tr.hidden).pop();
                const names = header ? [...header.querySelectorAll('th')].map(text) : [];
                return [...grid.shadowRoot.querySelectorAll('#items tr')]
                    .filter(tr => !tr.hidden && tr._item)
                    .sort((a, b) => a.index - b.index)
                    .map(tr => {
                      const row = {};
                      [...tr.querySelectorAll('td')].forEach((td, i) => row[names[i] || ('column ' + i)] = text(td));
                      return row;
                    });
                """, browser.findElement(By.cssSelector("vaadin-grid.backend-grid")));
        return (List<Map<String, String>>) rows;
    }

    // ---- waiting

    private void open(String path) {
        browser.get(uri(path).toString());
        awaitVaadin();
    }

    /** Until Vaadin Flow has started in the page and has no server round trip in flight. */
    private void awaitVaadin() {
        awaitUntil("Vaadin to be idle", () -> Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("""
                const flow = window.Vaadin && window.Vaadin.Flow;
                if (!flow || !flow.clients) return false;
                const clients = Object.keys(flow.clients).filter(id => id !== 'TypeScript').map(id => flow.clients[id]);
                return clients.length > 0 && clients.every(client => !client.isActive());
                """)));
    }

    private void awaitUntil(String what, BooleanSupplier condition) {
        try {
            new WebDriverWait(browser, PATIENCE, Duration.ofMillis(100))
                    .ignoring(NoSuchElementException.class)
                    .ignoring(StaleElementReferenceException.class)
                    .withMessage(() -> what + " (browser at " + browser.getCurrentUrl() + ")")
                    .until(driver -> condition.getAsBoolean());
        } catch (TimeoutException e) {
            fail("waited " + PATIENCE.toSeconds() + " s for " + what + "; the browser is at "
                    + browser.getCurrentUrl(), e);
        }
    }

    private String currentPath() {
        return Objects.requireNonNullElse(URI.create(browser.getCurrentUrl()).getPath(), "");
    }

    private URI uri(String path) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return URI.create(root + path);
    }

    private static volatile Boolean wasReady;

    private void awaitReady() throws Exception {
        if (wasReady != null) {
            assertTrue(wasReady, "Tollgate did not become ready (see the server log above)");
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var ready = http.send(HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    wasReady = true;
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        wasReady = false;
        fail("Tollgate did not become ready");
    }

    private static void assertNoBackendsShown(String when) {
        assertTrue(browser.findElements(By.tagName("vaadin-grid")).isEmpty(), "no backends shown " + when);
    }
}
