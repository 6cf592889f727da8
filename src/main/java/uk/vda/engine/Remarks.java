package uk.vda.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.drools.core.rule.consequence.InternalMatch;
import org.kie.api.runtime.Environment;
import org.kie.api.runtime.KieRuntime;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.event.rule.RuleEventListener;
import org.kie.internal.event.rule.RuleEventManager;

/**
 * What rules say for the answer alone (notes, recommendations, handling conditions), kept beside a session's working
 * memory instead of in it: no rule reads them, so inserting each one into the network and retracting it again when
 * the question leaves was work for nothing (docs/decisions/0031). A remark stands as a logically inserted fact
 * would: while the match of the rule that made it still holds. When that match is undone (a fact it joined is
 * deleted, or a fact its {@code not} forbids arrives) the remark goes; and each time the rule fires again on the same
 * match (an update, an accumulate's new result) what it said before goes, as truth maintenance takes back what a
 * firing does not insert again. One per session, in the session's environment and listening to its firings (Drools'
 * light rule event listener: no event object per firing); used by the one thread that has the session.
 */
final class Remarks implements RuleEventListener {
    private static final String KEY = Remarks.class.getName();

    /** The remarks of each match that made some, by identity: a match is Drools' tuple, made anew each time. */
    private final Map<InternalMatch, Made> byMatch = new IdentityHashMap<>();

    /** The same, in the order the rules fired, so that the same question always lists them alike. */
    private final List<Made> inOrder = new ArrayList<>();

    private static final class Made {
        final InternalMatch match;

        final List<Object> remarks = new ArrayList<>(2);

        Made(InternalMatch match) {
            this.match = match;
        }
    }

    /** Gives a new session its remarks, before any rule fires in it: every session the engine makes. */
    static void attach(KieSession session) {
        Remarks remarks = new Remarks();
        session.getEnvironment().set(KEY, remarks);
        ((RuleEventManager) session).addEventListener(remarks);
    }

    /** The remarks of a session {@link #attach} was given, from the session or a rule's {@code kcontext}. */
    static Remarks of(KieRuntime session) {
        Environment environment = session.getEnvironment();
        Remarks remarks = (Remarks) environment.get(KEY);
        if (remarks == null) {
            throw new IllegalStateException("a session the engine did not make: it has no remarks");
        }
        return remarks;
    }

    /** A rule is about to fire on {@code match}: what it said on that match before is taken back. */
    @Override
    public void onBeforeMatchFire(Match match) {
        Made made = byMatch.remove(match);
        if (made != null) {
            inOrder.remove(made);
        }
    }

    /** Records what the rule firing on {@code match} says. */
    void add(Match match, Object remark) {
        InternalMatch internal = (InternalMatch) match;
        Made made = byMatch.get(internal);
        if (made == null) {
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
