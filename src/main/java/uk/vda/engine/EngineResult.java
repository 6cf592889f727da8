package uk.vda.engine;

import java.util.List;
import java.util.Set;

/** What one evaluation left in working memory, which rules fired, and the rule set that answered. */
public record EngineResult(RuleSet ruleSet, List<Object> facts, Set<String> firedRules) {

    public <T> List<T> all(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T> T one(Class<T> type) {
        List<T> found = all(type);
        return found.isEmpty() ? null : found.get(0);
    }
}
