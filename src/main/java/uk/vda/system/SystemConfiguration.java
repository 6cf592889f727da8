package uk.vda.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock, and scheduling for the features that run on a timer (rule reloads, the audit purge). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SystemConfiguration {

    /** "Today" for answers without asOf; a bean so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
