package uk.vda.engine;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one evaluation left in working memory, the rule set that answered and, for a traced evaluation
 * ({@link PolicyEngine#evaluateTraced}), which rules fired and which rule inserted each fact (by identity; absent
 * for the facts given), so that an answer can tell which reason came with a decision. The facts are grouped by
 * class once, so that reading an answer's dozen kinds of fact does not go through all of them a dozen times.
 */
public final class EngineResult {
    private final RuleSet ruleSet;
    private final List<Object> facts;
    private final Set<String> firedRules;
    private final Map<Object, String> insertedBy;
    private final Map<Class<?>, List<Object>> byClass = new HashMap<>();

    public EngineResult(RuleSet ruleSet, Collection<?> facts, Set<String> firedRules, Map<Object, String> insertedBy) {
        this.ruleSet = ruleSet;
        this.firedRules = firedRules;
        this.insertedBy = insertedBy;
        // one pass over working memory (a session's view of it copies itself twice more for List.copyOf)
        List<Object> all = new ArrayList<>(facts.size());
        for (Object fact : facts) {
            all.add(fact);
            byClass.computeIfAbsent(fact.getClass(), c -> new ArrayList<>(2)).add(fact);
        }
        this.facts = Collections.unmodifiableList(all);
    }

    public EngineResult(RuleSet ruleSet, Collection<?> facts, Set<String> firedRules) {
        this(ruleSet, facts, firedRules, Map.of());
    }

    /** An untraced evaluation's result: no fired rules, no inserting rules. */
    public EngineResult(RuleSet ruleSet, Collection<?> facts) {
        this(ruleSet, facts, Set.of(), Map.of());
    }

    public RuleSet ruleSet() {
        return ruleSet;
    }

    public List<Object> facts() {
        return facts;
    }

    public Set<String> firedRules() {
        return firedRules;
    }

    public Map<Object, String> insertedBy() {
        return insertedBy;
    }

    /** The facts of a type, in working memory's order. */
    @SuppressWarnings("unchecked")
    public <T> List<T> all(Class<T> type) {
        if (Modifier.isFinal(type.getModifiers())) {
            List<Object> found = byClass.get(type);
            return found == null ? List.of() : (List<T>) List.copyOf(found);
        }
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T> T one(Class<T> type) {
        if (Modifier.isFinal(type.getModifiers())) {
            List<Object> found = byClass.get(type);
            return found == null ? null : type.cast(found.get(0));
        }
        List<T> found = all(type);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The name of the rule that inserted a fact, or null for a fact given to the rules. */
    public String insertedBy(Object fact) {
        return insertedBy.get(fact);
    }
}
