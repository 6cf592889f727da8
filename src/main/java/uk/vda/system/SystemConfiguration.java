package uk.vda.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** "Today" for answers without asOf; a bean so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    OpenAPI advisorOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Vetting and Disclosure Advisor")
                .version("v1")
                .description("May this person see this document, and why? What vetting is actually needed? "
                        + "Answers come from the Drools rule set in rules/, edited by policy staff; every answer "
                        + "names the rules that shaped it and the rule-set version."));
    }
}
