package uk.vda.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** One browser per test class against the one packaged app; a failed test leaves a screenshot. */
@ExtendWith(ScreenshotOnFailure.class)
abstract class BrowserTest {
    static PackagedApp app;
    static Browser browser;

    static void openBrowser() {
        app = PackagedApp.get();
        browser = Browser.open(app);
    }

    /** Opens the browser and signs in, through the page as a person would, with a new key for this client. */
    static void openBrowser(String client, String... scopes) {
        openBrowser();
        browser.signIn(newKey(client, scopes));
    }

    private static final AtomicInteger KEYS = new AtomicInteger();

    /**
     * A key with these scopes, made through the admin API. One valid key per client name, so each key gets a name of
     * its own: the client and a number.
     */
    static String newKey(String client, String... scopes) {
        try {
            return app.api.newKey(PackagedApp.ADMIN_KEY, client + "-" + KEYS.incrementAndGet(), scopes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
