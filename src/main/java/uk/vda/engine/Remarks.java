package uk.vda.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.drools.core.common.PropagationContext;
import org.drools.core.rule.consequence.InternalMatch;
import org.kie.api.runtime.Environment;
import org.kie.api.runtime.KieRuntime;
import org.kie.api.runtime.rule.Match;

/**
 * What rules say for the answer alone (notes, recommendations, handling conditions), kept beside a session's working
 * memory instead of in it: no rule reads them, so inserting each one into the network and retracting it again when
 * the question leaves was work for nothing (docs/decisions/0031). A remark stands as a logically inserted fact
 * would: while the match of the rule that made it still holds. When that match is undone (a fact it joined is
 * deleted, or a fact its {@code not} forbids arrives) the remark goes, and when the rule fires again on the same
 * match (after an update) what it said before is replaced. One per session, in the session's environment; used by
 * the one thread that has the session.
 */
final class Remarks {
    private static final String KEY = Remarks.class.getName();

    /** The remarks of each match that made some, by identity: a match is Drools' tuple, made anew each time. */
    private final Map<InternalMatch, Made> byMatch = new IdentityHashMap<>();

    /** The same, in the order the rules fired, so that the same question always lists them alike. */
    private final List<Made> inOrder = new ArrayList<>();

    private static final class Made {
        final InternalMatch match;

        /** The propagation the rule fired in: a new one means the rule fired again on the same match. */
        final PropagationContext firing;

        final List<Object> remarks = new ArrayList<>(2);

        Made(InternalMatch match) {
            this.match = match;
            this.firing = match.getPropagationContext();
        }
    }

    /** The session's remarks, made the first time a rule or the engine asks. */
    static Remarks of(KieRuntime session) {
        Environment environment = session.getEnvironment();
        Remarks remarks = (Remarks) environment.get(KEY);
        if (remarks == null) {
            remarks = new Remarks();
            environment.set(KEY, remarks);
        }
        return remarks;
    }

    /** Records what the rule firing on {@code match} says. */
    void add(Match match, Object remark) {
        InternalMatch internal = (InternalMatch) match;
        Made made = byMatch.get(internal);
        if (made == null || made.firing != internal.getPropagationContext()) {
            if (made != null) {
                inOrder.remove(made);
            }
            made = new Made(internal);
            byMatch.put(internal, made);
            inOrder.add(made);
        }
        made.remarks.add(remark);
    }

    /** The remarks that stand now, forgetting those whose match no longer holds. */
    List<Object> standing() {
        if (inOrder.isEmpty()) {
            return List.of();
        }
        List<Object> standing = new ArrayList<>();
        for (Iterator<Made> it = inOrder.iterator(); it.hasNext(); ) {
            Made made = it.next();
            if (made.match.isMatched()) {
                standing.addAll(made.remarks);
            } else {
                it.remove();
                byMatch.remove(made.match);
            }
        }
        return standing;
    }
}
