package uk.vda.web;

import java.lang.reflect.Field;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** A failed browser test leaves a picture of the page it failed on, under target/screenshots/failed-*. */
class ScreenshotOnFailure implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        try {
            Field field = context.getRequiredTestClass().getDeclaredField("browser");
            field.setAccessible(true);
            Browser browser = (Browser) field.get(null);
            if (browser != null) {
                browser.screenshot("failed-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("No screenshot of the failure: " + e);
        }
    }
}
