package uk.vda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import uk.vda.decision.CacheProperties;
import uk.vda.ruleset.ReloadProperties;
import uk.vda.security.BootstrapKeyProperties;
import uk.vda.system.BatchProperties;

/**
 * Settings are bound to records under their documented names and defaults (application.yml,
 * docs/operations.md), and a value that cannot work stops start-up naming the setting.
 */
class SettingsTest {
    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @EnableConfigurationProperties({
        ReloadProperties.class,
        BatchProperties.class,
        CacheProperties.class,
        BootstrapKeyProperties.class
    })
    static class Settings {}

    @Test
    void shouldKeepTheDocumentedDefaults() {
        context.run(settings -> {
            assertThat(settings.getBean(ReloadProperties.class))
                    .isEqualTo(new ReloadProperties(true, false, 2000, 30_000));
            assertThat(settings.getBean(BatchProperties.class))
                    .isEqualTo(new BatchProperties(0, Duration.ofMillis(200), 4));
            assertThat(settings.getBean(CacheProperties.class).maxEntries()).isEqualTo(100_000);
            assertThat(settings.getBean(BootstrapKeyProperties.class).bootstrapApiKey())
                    .isEmpty();
        });
    }

    @Test
    void shouldBindTheDocumentedNames() {
        context.withPropertyValues(
                        "advisor.rules.hot-reload=false",
                        "advisor.rules.follow-database=true",
                        "advisor.rules.poll-millis=300",
                        "advisor.rules.warm-copy-delay-millis=0",
                        "advisor.batch.threads=3",
                        "advisor.batch.chunk-time=50ms",
                        "advisor.batch.streams=2",
                        "advisor.cache.max-entries=0",
                        "advisor.bootstrap-api-key=k")
                .run(settings -> {
                    assertThat(settings.getBean(ReloadProperties.class))
                            .isEqualTo(new ReloadProperties(false, true, 300, 0));
                    assertThat(settings.getBean(BatchProperties.class))
                            .isEqualTo(new BatchProperties(3, Duration.ofMillis(50), 2));
                    assertThat(settings.getBean(CacheProperties.class).maxEntries())
                            .isZero();
                    assertThat(settings.getBean(BootstrapKeyProperties.class).bootstrapApiKey())
                            .isEqualTo("k");
                });
    }

    @Test
    void shouldRefuseToStartWithAPollIntervalOrBatchThreadsThatCannotWork() {
        context.withPropertyValues("advisor.rules.poll-millis=0")
                .run(settings -> assertThat(settings)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("advisor.rules")
                        .hasMessageContaining("pollMillis"));
        context.withPropertyValues("advisor.batch.threads=-1")
                .run(settings -> assertThat(settings)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("advisor.batch")
                        .hasMessageContaining("threads"));
    }
}
