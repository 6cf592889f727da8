package uk.vda.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The advisor's own measurements, at {@code /actuator/prometheus}: answers by outcome, latency histograms, batch
 * sizes, rule-set activations and refusals. One place names them so the dashboards stay stable.
 */
@Component
public class AdvisorMetrics {
    private final MeterRegistry registry;
    /** The meters of every single decision, made once: looking them up in the registry cost more than recording. */
    private volatile Timer decisionLatency;

    private final Map<String, Counter> decisionsByOutcome = new ConcurrentHashMap<>();

    public AdvisorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void decision(String outcome, long nanos) {
        decisionsByOutcome
                .computeIfAbsent(
                        outcome,
                        o -> Counter.builder("advisor.decisions")
                                .description("Disclosure decisions answered, by outcome")
                                .tag("outcome", o)
                                .register(registry))
                .increment();
        Timer latency = decisionLatency;
        if (latency == null) {
            // made on first use, as before: the registry shows it once a decision has been answered
            latency = timer("advisor.decision.latency", "Time to answer a disclosure decision");
            decisionLatency = latency;
        }
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void assessment(String verdict, long nanos) {
        Counter.builder("advisor.assessments")
                .description("Vetting assessments answered, by verdict")
                .tag("verdict", verdict == null ? "NONE" : verdict)
                .register(registry)
                .increment();
        timer("advisor.assessment.latency", "Time to answer a vetting assessment")
                .record(Duration.ofNanos(nanos));
    }

    public void batch(int pairs, long nanos) {
        DistributionSummary.builder("advisor.batch.pairs")
                .description("Pairs per batch")
                .publishPercentileHistogram()
                .register(registry)
                .record(pairs);
        timer("advisor.batch.latency", "Time to answer a batch, streaming included")
                .record(Duration.ofNanos(nanos));
    }

    public void roster(int people) {
        DistributionSummary.builder("advisor.roster.people")
                .description("People per roster")
                .register(registry)
                .record(people);
    }

    public void ruleSet(String event) {
        Counter.builder("advisor.rules.activations")
                .description("Rule-set activations and refusals, by kind")
                .tag("kind", event)
                .register(registry)
                .increment();
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100))
                .register(registry);
    }
}
