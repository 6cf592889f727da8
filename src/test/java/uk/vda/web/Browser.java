package uk.vda.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver: no browser is downloaded. Outside CI, a machine
 * without them skips the browser tests with a message; in CI (CI=true) their absence fails the build.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    final ChromeDriver driver;
    final Path downloads;
    private final PackagedApp app;

    private Browser(ChromeDriver driver, Path downloads, PackagedApp app) {
        this.driver = driver;
        this.downloads = downloads;
        this.app = app;
    }

    static Browser open(PackagedApp app) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") == null) {
            Assumptions.abort("Browser tests skipped: install Debian's chromium and chromium-driver (.ci/run does)");
        }
        if (!present) {
            throw new IllegalStateException(
                    "CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        }
        try {
            Path profile = Files.createTempDirectory(app.home, "chromium-");
            Path downloads = Files.createDirectories(profile.resolve("downloads"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + profile.resolve("profile"),
                    "--window-size=1280,800");
            options.setExperimentalOption(
                    "prefs",
                    Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1280, 800));
            return new Browser(driver, downloads, app);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Browser go(String path) {
        driver.get(app.url(path));
        return this;
    }

    /** Signs in through the page's own form, as a person would. */
    Browser signIn(String key) {
        go("/");
        script("sessionStorage.clear()");
        go("/");
        type(By.id("api-key"), key);
        click(By.cssSelector("#sign-in button[type=submit]"));
        waitFor(d -> d.findElement(By.id("signed-in-as")).isDisplayed());
        return this;
    }

    WebElement find(By by) {
        return waitFor(d -> {
            WebElement e = d.findElement(by);
            return e.isDisplayed() ? e : null;
        });
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    String text(By by) {
        return find(by).getText();
    }

    void type(By by, String text) {
        WebElement e = find(by);
        e.clear();
        e.sendKeys(text);
    }

    void click(By by) {
        WebElement e = waitFor(d -> {
            WebElement x = d.findElement(by);
            return x.isDisplayed() && x.isEnabled() ? x : null;
        });
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    void choose(By by, String value) {
        new Select(find(by)).selectByValue(value);
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Evidence for people: a PNG of the page with {@code top} scrolled to the top, under target/screenshots. */
    Path screenshot(String name, By top) {
        script("arguments[0].scrollIntoView({block: 'start'})", find(top));
        return screenshot(name);
    }

    /** Evidence for people: a PNG of the page as it is now, under target/screenshots. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
