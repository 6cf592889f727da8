package uk.vda.web;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** A failed browser test leaves a picture of the page it failed on, under target/screenshots/failed-*. */
class ScreenshotOnFailure implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (BrowserTest.browser == null) {
            return;
        }
        try {
            BrowserTest.browser.screenshot(
                    "failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                            + context.getRequiredTestMethod().getName());
        } catch (RuntimeException e) {
            System.err.println("No screenshot of the failure: " + e);
        }
    }
}
