package uk.vda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Signing in, pages by scope, and what every page owes everyone: labels, keyboard use, contrast, small screens. */
class PagesIT extends BrowserTest {
    private static final List<String> PAGES = List.of("/", "/ask", "/assess", "/rules", "/audit");
    /** Every visible control without a label, by id or outer HTML. */
    private static final String UNLABELLED = """
            return [...document.querySelectorAll('input, select, textarea, button')]
              .filter(e => e.offsetParent !== null && e.type !== 'hidden')
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                           && !(e.tagName === 'BUTTON' && e.textContent.trim()))
              .map(e => e.id || e.outerHTML.slice(0, 80));""";
    /** Every visible text whose contrast with its background is below WCAG AA (4.5:1; 3:1 for large text). */
    private static final String LOW_CONTRAST = """
            const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
              .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
            const background = e => {
              for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0) return c; }
              return [255, 255, 255];
            };
            const out = [];
            for (const e of document.querySelectorAll('body *')) {
              if (e.offsetParent === null || e.closest('svg')) continue;
              if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
              const s = getComputedStyle(e);
              if (s.opacity !== '1' || (e.disabled)) continue;
              const a = lum(rgb(s.color)), b = lum(background(e));
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
              const large = size >= 24 || (bold && size >= 18.66);
              if (ratio < (large ? 3 : 4.5)) out.push(`${e.tagName}#${e.id} "${e.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
            }
            return out;""";

    @BeforeAll
    static void open() {
        openBrowser();
    }

    @Test
    void shouldRefuseAWrongKeyAndForgetTheKeyOnSignOut() {
        browser.go("/");
        browser.script("sessionStorage.clear()");
        browser.go("/");
        browser.type(By.id("api-key"), "not-a-key");
        browser.click(By.cssSelector("#sign-in button[type=submit]"));
        assertThat(browser.text(By.id("sign-in-error"))).isEqualTo("That key is not valid, or it has been revoked.");

        browser.signIn(PackagedApp.ADMIN_KEY);
        assertThat(browser.text(By.id("signed-in-as"))).isEqualTo("Signed in as bootstrap");
        assertThat(browser.all(By.cssSelector("#pages a")).stream().map(WebElement::getText))
                .containsExactly("Can they see it?", "What vetting is needed?", "Rules", "Audit");
        browser.click(By.id("sign-out"));
        assertThat(browser.find(By.id("api-key")).isDisplayed()).isTrue();
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void shouldShowOnlyThePagesTheKeysScopesAllow() {
        browser.signIn(newKey("anytown-council-pages", "decide"));
        assertThat(browser.all(By.cssSelector("header nav a")).stream().map(WebElement::getText))
                .containsExactly("Home", "Can they see it?", "API");
        assertThat(browser.all(By.cssSelector("#scopes li")).stream().map(WebElement::getText))
                .containsExactly("decide — Ask disclosure questions");
        browser.go("/audit");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not available with this key");
        assertThat(browser.all(By.id("audit-form"))).isEmpty();
        browser.screenshot("pages-scope-missing");
    }

    @Test
    void shouldLabelEveryControlKeepContrastAndFitWideAndNarrowScreens() {
        browser.signIn(PackagedApp.ADMIN_KEY);
        for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(390, 844))) {
            browser.driver.manage().window().setSize(size);
            for (String page : PAGES) {
                browser.go(page);
                browser.find(By.cssSelector("main h1"));
                if (page.equals("/rules")) {
                    browser.find(By.id("csv-table"));
                }
                assertThat(browser.script(UNLABELLED))
                        .as("unlabelled controls on %s", page)
                        .isEqualTo(List.of());
                assertThat(browser.script(LOW_CONTRAST))
                        .as("low contrast on %s", page)
                        .isEqualTo(List.of());
                assertThat((Long) browser.script(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                        .as("sideways scrolling on %s at %s", page, size)
                        .isLessThanOrEqualTo(0L);
            }
        }
        browser.go("/ask");
        browser.find(By.cssSelector("main h1"));
        browser.screenshot("ask-on-a-narrow-screen");
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
    }

    @Test
    void shouldAskWithTheKeyboardAlone() {
        browser.signIn(PackagedApp.ADMIN_KEY);
        browser.go("/ask");
        WebElement example = browser.find(By.id("example"));
        example.sendKeys(Keys.ARROW_DOWN);
        assertThat(example.getDomProperty("value")).isEqualTo("partner-secret-ctlp");
        browser.script("document.getElementById('ask').focus()");
        assertThat(browser.script("return getComputedStyle(document.activeElement).outlineStyle"))
                .isEqualTo("solid");
        browser.find(By.id("ask")).sendKeys(Keys.ENTER);
        assertThat(browser.text(By.id("decision"))).isEqualTo("DENY");
    }
}
