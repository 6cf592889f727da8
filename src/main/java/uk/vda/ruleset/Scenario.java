package uk.vda.ruleset;

import java.util.List;
import java.util.Map;

import uk.vda.decision.DecisionRequest;
import uk.vda.policy.Effect;
import uk.vda.policy.VettingLevel;

/**
 * A scenario file beside the rules ({@code rules/**}{@code /scenarios/*.json}): a decision request and what the
 * answer must be. {@code decision} and {@code requiredVetting} must match exactly (null means "no requirement");
 * every rule in {@code reasons} must appear among the answer's reasons, and every DENY reason of the answer must be
 * listed. {@code missingFacts}, {@code policeVetting}, {@code alternatives} and {@code recommendations} are
 * checked when given: missing facts and alternatives exactly, recommendations by count.
 */
public record Scenario(String description, DecisionRequest request, Expect expect) {

    public record Expect(Effect decision, VettingLevel requiredVetting, List<String> reasons,
                         List<String> missingFacts, VettingLevel policeVetting, Map<String, Effect> alternatives,
                         Integer recommendations) {
    }
}
