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
 * Helpers for rule consequences: they stamp what a rule says with the rule's own name and {@code @source}
 * metadata, so every reason the API returns names the rule and source verbatim.
 *
 * <p>A DENY or PERMIT reason is a fact other rules read (the PERMIT stands only while no rule denies), so a rule
 * inserts it: {@code insertLogical(Explain.deny(kcontext, "message"))}. A note, a recommendation or a handling
 * condition is for the answer alone, and saying it is enough: {@code Explain.note(kcontext, "message")} keeps it
 * beside working memory, standing while the rule's match holds, as a logically inserted fact would (see
 * {@link Remarks}). Inserting one as well still works, but only an inserted one can be matched by a rule.
 */
public final class Explain {
    private Explain() {}

    public static Reason permit(RuleContext context, String message) {
        return reason(context, Effect.PERMIT, message);
    }

    public static Reason deny(RuleContext context, String message) {
        return reason(context, Effect.DENY, message);
    }

    /** A note in the answer: says it, and returns it for a rule that inserts it too. */
    public static Reason note(RuleContext context, String message) {
        return said(context, reason(context, Effect.NOTE, message));
    }

    /** A recommendation in the answer: says it, and returns it for a rule that inserts it too. */
    public static Recommendation recommend(RuleContext context, String text) {
        return said(context, new Recommendation(context.getRule().getName(), text));
    }

    /** A handling condition of a PERMIT: says it, and returns it for a rule that inserts it too. */
    public static HandlingCondition condition(RuleContext context, int order, String text) {
        return said(context, new HandlingCondition(context.getRule().getName(), order, text));
    }

    public static RequiredVetting requires(RuleContext context, VettingLevel level) {
        return new RequiredVetting(level, context.getRule().getName());
    }

    public static RequiredPoliceVetting requiresForceVetting(RuleContext context, VettingLevel level) {
        return new RequiredPoliceVetting(level, context.getRule().getName());
    }

    private static <T> T said(RuleContext context, T remark) {
        Remarks.of(context.getKieRuntime()).add(context.getMatch(), remark);
        return remark;
    }

    private static Reason reason(RuleContext context, Effect effect, String message) {
        Rule rule = context.getRule();
        return new Reason(rule.getName(), effect, message, RuleSetCompiler.meta(rule, "source"));
    }
}
