package uk.vda.ruleset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleProblem;
import uk.vda.engine.RuleSetException;
import uk.vda.engine.RulesProperties;
import uk.vda.system.AdvisorMetrics;

/**
 * Keeps the live rule set in step, without a restart:
 * <ul>
 * <li>hot reload (on by default): when the files under {@code rules/} change, the new set is compiled and tested;
 * a good one goes live at once, a bad one is refused and the previous set keeps answering, the refusal shown on
 * {@code /api/v1/rule-sets/active} and in {@code /actuator/health} (UP, with the detail);</li>
 * <li>following the database (off by default, on in the postgres profile): when another instance publishes or
 * rolls back, this one makes the same version live within one poll.</li>
 * </ul>
 * It also reports the rules' state as the {@code rules} health component.
 */
@Component("rules")
public class RulesWatcher implements HealthIndicator, SchedulingConfigurer {
    private static final Logger log = LoggerFactory.getLogger(RulesWatcher.class);
    /** How many times a warm copy runs the scenarios before a reload may use it. */
    private static final int WARM_UP_RUNS = 3;

    private final PolicyEngine engine;
    private final RuleSetHistory history;
    private final Path folder;
    private final boolean hotReload;
    private final boolean followDatabase;
    private final Clock clock;
    private final AdvisorMetrics metrics;
    private final Duration pollEvery;
    private final Duration firstWarmCopyAfter;
    private volatile String diskVersion;
    private volatile Status status;

    @Schema(description = "The last reload of the rules from disk.")
    public record Status(
            @Schema(description = "NONE (no change seen), LIVE (the change went live) or REFUSED.")
            String state,

            @Schema(description = "When.") Instant at,

            @Schema(description = "The version of the files on disk.")
            String diskVersion,

            @Schema(description = "What happened, in words.")
            String message,

            @Schema(description = "Why it was refused: compile errors, table errors, failing tests.")
            List<String> problems) {}

    public RulesWatcher(
            PolicyEngine engine,
            RuleSetHistory history,
            RulesProperties rules,
            ReloadProperties reload,
            Clock clock,
            AdvisorMetrics metrics) {
        this.engine = engine;
        this.history = history;
        this.folder = rules.path();
        this.hotReload = reload.hotReload();
        this.followDatabase = reload.followDatabase();
        this.pollEvery = Duration.ofMillis(reload.pollMillis());
        this.firstWarmCopyAfter = Duration.ofMillis(reload.warmCopyDelayMillis());
        this.clock = clock;
        this.metrics = metrics;
        this.diskVersion = engine.ruleSet().version();
        this.status = new Status(
                "NONE",
                clock.instant(),
                diskVersion,
                hotReload ? "Watching " + folder + " for changes." : "Hot reload is off.",
                List.of());
    }

    /**
     * Polls every {@code poll-millis}; makes the first warm copy {@code warm-copy-delay-millis} after start-up, since
     * made at once it slowed the first answers (docs/decisions/0007).
     */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addOneTimeTask(this::prepareWarmCopy, firstWarmCopyAfter);
        tasks.addFixedDelayTask(new FixedDelayTask(this::poll, pollEvery, pollEvery));
    }

    public Status status() {
        return status;
    }

    /**
     * With hot reload on, a warm copy of the live rules is kept ready for the next change, since a new rule base
     * starts cold and slow (docs/decisions/0007). Made after start-up and again after every reload, off the
     * request and reload paths.
     */
    public void prepareWarmCopy() {
        if (hotReload) {
            engine.prepareStandby(copy -> {
                for (int i = 0; i < WARM_UP_RUNS; i++) {
                    RuleSetTester.test(copy, clock);
                }
            });
        }
    }

    /** A reload from disk when hot reload is on; the database's version when it is followed. */
    public void poll() {
        if (hotReload) {
            reloadFromDisk();
        }
        if (followDatabase) {
            followDatabase();
        }
    }

    /** Compiles and tests the files on disk if they changed; makes them live only if all is well. */
    public synchronized void reloadFromDisk() {
        Map<String, String> files;
        try {
            files = PolicyEngine.read(folder);
        } catch (RuntimeException e) {
            return;
        }
        String version = PolicyEngine.versionOf(files);
        if (version.equals(diskVersion)) {
            return;
        }
        diskVersion = version;
        try {
            reload(version, files);
        } finally {
            // the warm copy was used up, or is of an older set
            prepareWarmCopy();
        }
    }

    private void reload(String version, Map<String, String> files) {
        long started = System.nanoTime();
        PolicyEngine candidate;
        try {
            candidate = engine.reloadCandidate(folder.toString(), files);
        } catch (RuleSetException e) {
            refuse(
                    version,
                    "The changed rules do not compile; the previous rule set keeps answering.",
                    e.problems().stream().map(RuleProblem::toString).toList());
            return;
        }
        long compiled = System.nanoTime();
        RuleSetTester.Report report = RuleSetTester.test(candidate, clock);
        if (!report.ok()) {
            refuse(
                    version,
                    report.failed() + " test(s) fail; the previous rule set keeps answering.",
                    report.problems().stream().map(RuleProblem::toString).toList());
            return;
        }
        String from = engine.ruleSet().version();
        engine.activate(candidate);
        long live = System.nanoTime();
        history.activated(candidate.ruleSet(), "RELOAD", "disk", "files under " + folder + " changed");
        metrics.ruleSet("RELOAD");
        status = new Status(
                "LIVE",
                clock.instant(),
                version,
                "Reloaded from disk: " + from + " → " + version + " (" + report.passed() + " scenarios pass).",
                List.of());
        log.info(
                "Rules reloaded from {}: {} -> {}, live {} ms after the change was read (compile {} ms: {}; {} scenarios {} ms)",
                folder,
                from,
                version,
                (live - started) / 1_000_000,
                (compiled - started) / 1_000_000,
                candidate.howBuilt(),
                report.passed(),
                (live - compiled) / 1_000_000);
    }

    private void refuse(String version, String message, List<String> problems) {
        status = new Status("REFUSED", clock.instant(), version, message, problems);
        metrics.ruleSet("RELOAD_REFUSED");
        log.warn("Rules in {} refused: {} {}", folder, message, problems);
    }

    /** Makes live the version the latest activation in the shared database names, if it is not live here. */
    public synchronized void followDatabase() {
        try {
            history.activeInDatabase()
                    .filter(v -> !v.equals(engine.ruleSet().version()))
                    .ifPresent(version -> history.files(version).ifPresent(files -> {
                        engine.activate(engine.candidate("database " + version, files));
                        metrics.ruleSet("FOLLOW");
                        log.info("Rules now follow the database: {}", version);
                    }));
        } catch (RuntimeException e) {
            log.warn("Could not follow the database's rule set: {}", e.getMessage());
        }
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up()
                .withDetail("version", engine.ruleSet().version())
                .withDetail("rules", engine.ruleSet().ruleCount())
                .withDetail("reload", status.state())
                .withDetail("message", status.message());
        if (!status.problems().isEmpty()) {
            health.withDetail("problems", status.problems());
        }
        return health.build();
    }
}
