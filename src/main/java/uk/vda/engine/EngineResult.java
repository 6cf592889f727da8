package uk.vda.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one evaluation left in working memory, which rules fired, the rule set that answered, and which rule
 * inserted each fact (by identity; absent for the facts given), so that an answer can tell which reason came
 * with a decision.
 */
public record EngineResult(RuleSet ruleSet, List<Object> facts, Set<String> firedRules, Map<Object, String> insertedBy) {

    public EngineResult(RuleSet ruleSet, List<Object> facts, Set<String> firedRules) {
        this(ruleSet, facts, firedRules, Map.of());
    }

    public <T> List<T> all(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T> T one(Class<T> type) {
        List<T> found = all(type);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The name of the rule that inserted a fact, or null for a fact given to the rules. */
    public String insertedBy(Object fact) {
        return insertedBy.get(fact);
    }
}
