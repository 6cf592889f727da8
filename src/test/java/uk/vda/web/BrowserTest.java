package uk.vda.web;

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
        browser.signIn(Keys.create(app, client, scopes));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
