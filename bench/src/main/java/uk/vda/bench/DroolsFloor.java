package uk.vda.bench;

import java.util.ArrayList;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.internal.utils.KieHelper;

/**
 * Drools' own floor for a question of the advisor's shape, beside the rules in {@link SideBySide}: a kept session
 * (as {@code uk.vda.engine.SessionPool} keeps them) into which each question inserts 6 facts, 13 rules fire and
 * truth-maintain 20 more facts (7 of them notes with text, as the advisor's reasons are), the 26 facts are read
 * out, the question's facts are deleted and the session settles back to rest (one more firing, as the advisor's
 * {@code NoCountingClearance}). About the counts of an advisor question (24 facts, 12-14 firings), with none of its
 * other rules in the network and no answer built: what a question of this size costs in this engine alone.
 */
public final class DroolsFloor {
    public record Given(int kind, int value) {}

    public record Derived(int step, int value) {}

    public record Note(String rule, String text) {}

    private static final String DRL = rules();

    private final KieSession session;
    private final FactHandle[] handles = new FactHandle[6];
    private int question;

    public DroolsFloor() {
        KieBase base = new KieHelper().addContent(DRL, ResourceType.DRL).build();
        session = base.newKieSession();
        session.fireAllRules();
        int read = ask(); // a floor whose rules stopped firing would look fast: check it does the work it claims
        if (read != 26) {
            throw new IllegalStateException("the floor's question left " + read + " facts, not 26");
        }
    }

    /** One question: its facts in, the rules fired, every fact read out, its facts deleted, the session at rest. */
    public int ask() {
        int q = question++;
        for (int k = 0; k < 6; k++) {
            handles[k] = session.insert(new Given(k + 1, q + k));
        }
        session.fireAllRules();
        List<Object> out = new ArrayList<>(session.getObjects());
        for (FactHandle handle : handles) {
            session.delete(handle);
        }
        session.fireAllRules();
        if (session.getFactCount() != 1) { // at rest: only the fact the rest rule keeps
            throw new IllegalStateException("not back at rest: " + session.getObjects());
        }
        return out.size();
    }

    private static String rules() {
        StringBuilder drl = new StringBuilder("package floor;\nimport uk.vda.bench.DroolsFloor.*;\n");
        for (int k = 1; k <= 6; k++) { // a given fact worked out, with a note: as a clearance or a marking is
            drl.append("rule \"Given").append(k).append("\" salience 90 when Given(kind == ").append(k)
                    .append(", $v: value) then insertLogical(new Derived(").append(k).append(", $v));")
                    .append(" insertLogical(new Note(\"Given").append(k)
                    .append("\", \"The given fact ").append(k).append(" is \" + $v + \", so it counts.\")); end\n");
        }
        for (int k = 1; k <= 6; k++) { // two worked-out facts joined: as vetting held meets vetting needed
            drl.append("rule \"Join").append(k).append("\" salience 80 when Derived(step == ").append(k)
                    .append(", $a: value) Derived(step == ").append(k % 6 + 1)
                    .append(", $b: value) then insertLogical(new Derived(").append(10 + k).append(", $a + $b)); end\n");
        }
        // the decision, standing only while no note denies; and a rule that holds at rest, as NoCountingClearance does
        drl.append("rule \"Decide\" salience -10 when Derived(step == 11, $v: value) Derived(step == 12)"
                + " not Note(rule == \"Deny\") then insertLogical(new Derived(100, $v));"
                + " insertLogical(new Note(\"Decide\", \"Permitted, as \" + $v + \" meets what is needed.\")); end\n");
        drl.append("rule \"Rest\" salience 60 when not Given() then insertLogical(new Derived(0, 0)); end\n");
        return drl.toString();
    }
}
