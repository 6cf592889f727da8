package uk.vda.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Removes audit records past the retention period, on the configured schedule ({@code advisor.audit.purge-cron}). */
@Configuration(proxyBeanMethods = false)
class AuditRetention implements SchedulingConfigurer {
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    private final AuditLog audit;
    private final AuditProperties properties;

    AuditRetention(AuditLog audit, AuditProperties properties) {
        this.audit = audit;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addCronTask(this::purge, properties.purgeCron());
    }

    void purge() {
        int removed = audit.purge();
        log.info("Audit retention purge removed {} record(s)", removed);
    }
}
