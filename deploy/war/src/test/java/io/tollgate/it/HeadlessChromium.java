package io.tollgate.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven through Debian's ChromeDriver: the packages {@code chromium} and
 * {@code chromium-driver} ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}). Both paths are given to Selenium
 * explicitly, so Selenium Manager never runs and nothing is downloaded. Other paths can be named with
 * {@code -Dtollgate.test.chromium=…} and {@code -Dtollgate.test.chromedriver=…}.
 *
 * <p>A missing browser or driver is a failure with the install command in its message, never a skipped test: CI
 * installs both.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("tollgate.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("tollgate.test.chromedriver", "/usr/bin/chromedriver");

    private final Path userDataDir;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    /**
     * Fails a test class before anything else runs when Chromium or ChromeDriver is missing: register it ahead of
     * ArquillianExtension, and the class fails at once instead of after booting Payara Micro.
     */
    static final class RequireInstalled implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            requireInstalled();
        }
    }

    static void requireInstalled() {
        requireExecutable(CHROMIUM, "chromium", "tollgate.test.chromium");
        requireExecutable(CHROMEDRIVER, "chromedriver", "tollgate.test.chromedriver");
    }

    private HeadlessChromium(Path logFile) throws IOException {
        requireInstalled();
        userDataDir = Files.createTempDirectory("tollgate-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                // Running as root in a container: no sandbox, no GPU.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                // This machine's network is closed: without these, Chromium's own background connections (updates,
                // sync, QUIC probes) are refused many at a time and slow everything down.
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--window-size=1366,900",
                "--user-data-dir=" + userDataDir);
        options.setPageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(logFile.getParent());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(logFile.toFile())
                .build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteUserDataDir();
            throw new IllegalStateException("Could not start headless Chromium (" + CHROMIUM + ") through "
                    + CHROMEDRIVER + "; see " + logFile.toAbsolutePath(), e);
        }
    }

    /** Starts a browser with a fresh, empty profile; ChromeDriver logs to {@code logFile}. */
    static HeadlessChromium start(Path logFile) throws IOException {
        return new HeadlessChromium(logFile);
    }

    /** How long a page step may take before a test gives up on it. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    WebDriver driver() {
        return driver;
    }

    /** Opens the page and waits until Vaadin is idle in it. */
    void open(java.net.URI page) {
        driver.get(page.toString());
        awaitVaadin();
    }

    /** Until Vaadin Flow has started in the page and has no server round trip in flight. */
    void awaitVaadin() {
        awaitUntil("Vaadin to be idle", () -> Boolean.TRUE.equals(driver.executeScript("""
                const flow = window.Vaadin && window.Vaadin.Flow;
                if (!flow || !flow.clients) return false;
                const clients = Object.keys(flow.clients).filter(id => id !== 'TypeScript').map(id => flow.clients[id]);
                return clients.length > 0 && clients.every(client => !client.isActive());
                """)));
    }

    /** Polls the condition (elements gone stale or missing meanwhile count as "not yet") for {@link #PATIENCE}. */
    void awaitUntil(String what, java.util.function.BooleanSupplier condition) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(driver, PATIENCE, Duration.ofMillis(100))
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            org.junit.jupiter.api.Assertions.fail("waited " + PATIENCE.toSeconds() + " s for " + what
                    + "; the browser is at " + driver.getCurrentUrl(), e);
        }
    }

    /** The path of the page the browser shows. */
    String currentPath() {
        return java.util.Objects.requireNonNullElse(java.net.URI.create(driver.getCurrentUrl()).getPath(), "");
    }

    /** Forgets every cookie of every site (so the next page starts without a session), whatever page is open. */
    void clearCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** A PNG of the viewport, written to {@code file}. */
    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    private static void requireExecutable(String path, String what, String property) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(what + " not found at " + path + ". The portal tests drive Debian's "
                    + "Chromium: install it with `apt-get install chromium chromium-driver` (or name another " + what
                    + " with -D" + property + "=…).");
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteUserDataDir();
        }
    }

    private void deleteUserDataDir() {
        try (Stream<Path> files = Files.walk(userDataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }
}
