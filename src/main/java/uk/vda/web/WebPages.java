package uk.vda.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web pages: one static shell ({@code static/index.html}) answers every page's address and loads that page's
 * script, so a page can be bookmarked and reloaded. The pages use only the public API.
 */
@Configuration(proxyBeanMethods = false)
class WebPages implements WebMvcConfigurer {
    static final String[] PAGES = {"/ask", "/assess", "/rules", "/audit"};

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String page : PAGES) {
            registry.addViewController(page).setViewName("forward:/index.html");
        }
    }
}
