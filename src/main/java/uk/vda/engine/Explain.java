package uk.vda.engine;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;
import uk.vda.policy.Effect;
import uk.vda.policy.HandlingCondition;
import uk.vda.policy.Reason;
import uk.vda.policy.Recommendation;
import uk.vda.policy.RequiredPoliceVetting;
import uk.vda.policy.RequiredVetting;
import uk.vda.policy.VettingLevel;

/**
 * Helpers for rule consequences: they stamp what a rule inserts with the rule's own name and {@code @source}
 * metadata, so every reason the API returns names the rule and source verbatim. Call as
 * {@code insertLogical(Explain.deny(kcontext, "message"))}: the fact stands while the rule's conditions hold, and goes
 * when the question's facts are deleted. A call on a line of its own, its fact thrown away, is refused by
 * {@link RuleCodeCheck}.
 */
public final class Explain {
    private Explain() {}

    public static Reason permit(RuleContext context, String message) {
        return reason(context, Effect.PERMIT, message);
    }

    public static Reason deny(RuleContext context, String message) {
        return reason(context, Effect.DENY, message);
    }

    public static Reason note(RuleContext context, String message) {
        return reason(context, Effect.NOTE, message);
    }

    public static Recommendation recommend(RuleContext context, String text) {
        return new Recommendation(context.getRule().getName(), text);
    }

    public static HandlingCondition condition(RuleContext context, int order, String text) {
        return new HandlingCondition(context.getRule().getName(), order, text);
    }

    public static RequiredVetting requires(RuleContext context, VettingLevel level) {
        return new RequiredVetting(level, context.getRule().getName());
    }

    public static RequiredPoliceVetting requiresForceVetting(RuleContext context, VettingLevel level) {
        return new RequiredPoliceVetting(level, context.getRule().getName());
    }

    private static Reason reason(RuleContext context, Effect effect, String message) {
        Rule rule = context.getRule();
        return new Reason(rule.getName(), effect, message, RuleSetCompiler.meta(rule, "source"));
    }
}
