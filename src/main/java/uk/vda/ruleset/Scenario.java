package uk.vda.ruleset;

import java.util.List;
import java.util.Map;
import uk.vda.decision.DecisionRequest;
import uk.vda.policy.Effect;
import uk.vda.policy.Marking;
import uk.vda.policy.VerdictValue;
import uk.vda.policy.VettingLevel;
import uk.vda.vetting.AssessmentRequest;

/**
 * A scenario file beside the rules ({@code rules/**}{@code /scenarios/*.json}): a disclosure question
 * ({@code request}) or a vetting assessment ({@code assessment}), and what the answer must be. For a question,
 * {@code decision} and {@code requiredVetting} must match exactly; for an assessment, {@code verdict} and
 * {@code requiredVetting} (null means "no requirement"), and {@code costAvoided} and {@code policeVetting} when given;
 * every rule in {@code reasons} must appear among the answer's reasons, and every DENY reason of the answer must be
 * listed; every rule in {@code fired} must have fired (for rules that explain through a recommendation or a
 * figure rather than a reason). {@code missingFacts}, {@code policeVetting}, {@code alternatives} and {@code recommendations} are
 * checked when given: missing facts and alternatives exactly, recommendations by count. No rule in {@code notReasons}
 * may appear among the reasons (what an answer must never say); {@code treatedAs} is how a
 * question's marking must be read, and {@code leadTimeAvoidedDays} an assessment's lead time avoided.
 */
public record Scenario(String description, DecisionRequest request, AssessmentRequest assessment, Expect expect) {

    public record Expect(
            Effect decision,
            VerdictValue verdict,
            VettingLevel requiredVetting,
            List<String> reasons,
            List<String> missingFacts,
            VettingLevel policeVetting,
            Map<String, Effect> alternatives,
            Integer recommendations,
            Cost costAvoided,
            List<String> fired,
            List<String> notReasons,
            Marking treatedAs,
            Integer leadTimeAvoidedDays) {}

    /** Expected cost avoided, GBP. */
    public record Cost(int min, int max) {}
}
