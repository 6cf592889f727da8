package uk.vda.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Removes audit records past the retention period, on the configured schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditRetention {
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    private final AuditLog audit;

    AuditRetention(AuditLog audit) {
        this.audit = audit;
    }

    @Scheduled(cron = "${advisor.audit.purge-cron:0 30 3 * * *}")
    void purge() {
        int removed = audit.purge();
        log.info("Audit retention purge removed {} record(s)", removed);
    }
}
