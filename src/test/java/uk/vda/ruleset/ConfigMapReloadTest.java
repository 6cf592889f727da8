package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vda.ConfigMapFolder;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RulesProperties;
import uk.vda.system.AdvisorMetrics;

/** Hot reload from a Kubernetes ConfigMap mount: an update arrives as one atomic swap of the {@code ..data} link. */
class ConfigMapReloadTest {
    private static final String MATRIX = "vetting/minimum-vetting.csv";
    private static final ReloadProperties HOT_RELOAD = new ReloadProperties(true, false, 2000, 30_000);

    @TempDir
    Path temp;

    @Test
    void shouldMakeLiveTheVersionAConfigMapUpdateSwapsIn() throws Exception {
        ConfigMapFolder mount = ConfigMapFolder.of(Path.of("rules"), temp.resolve("rules"));
        PolicyEngine engine = PolicyEngine.over(mount.path());
        RuleSetHistory history = mock(RuleSetHistory.class);
        RulesWatcher watcher = new RulesWatcher(
                engine,
                history,
                new RulesProperties(mount.path(), 10_000, null),
                HOT_RELOAD,
                Clock.systemUTC(),
                new AdvisorMetrics(new SimpleMeterRegistry()));
        String before = engine.ruleSet().version();
        String matrix = Files.readString(Path.of("rules", MATRIX));

        mount.update(Map.of(
                MATRIX,
                matrix.replace(
                        "Occasional access to CONFIDENTIAL material needs BPSS.",
                        "Occasional access to CONFIDENTIAL material needs BPSS (checked).")));
        watcher.reloadFromDisk();

        assertThat(watcher.status().state())
                .as(watcher.status().message() + " " + watcher.status().problems())
                .isEqualTo("LIVE");
        assertThat(engine.ruleSet().version())
                .isNotEqualTo(before)
                .isEqualTo(watcher.status().diskVersion());
        assertThat(engine.ruleSet().contents().get(MATRIX)).contains("(checked)");
        verify(history)
                .activated(
                        eq(engine.ruleSet()), eq("RELOAD"), eq("disk"), eq("files under " + mount.path() + " changed"));
    }

    @Test
    void shouldRefuseABrokenConfigMapUpdateAndKeepAnswering() throws Exception {
        ConfigMapFolder mount = ConfigMapFolder.of(Path.of("rules"), temp.resolve("rules"));
        PolicyEngine engine = PolicyEngine.over(mount.path());
        RulesWatcher watcher = new RulesWatcher(
                engine,
                mock(RuleSetHistory.class),
                new RulesProperties(mount.path(), 10_000, null),
                HOT_RELOAD,
                Clock.systemUTC(),
                new AdvisorMetrics(new SimpleMeterRegistry()));
        String before = engine.ruleSet().version();
        String matrix = Files.readString(Path.of("rules", MATRIX));

        mount.update(Map.of(MATRIX, matrix.replace("TOP_SECRET,REGULAR,ANY,DV", "TOP_SECRET,REGULAR,ANY,SCC")));
        watcher.reloadFromDisk();

        assertThat(watcher.status().state()).isEqualTo("REFUSED");
        assertThat(watcher.status().problems()).anyMatch(p -> p.contains(MATRIX) && p.contains("'SCC'"));
        assertThat(engine.ruleSet().version()).isEqualTo(before);
    }
}
