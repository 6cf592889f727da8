package uk.vda.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.vda.catalogue.Vocabulary;
import uk.vda.catalogue.Wording;
import uk.vda.engine.EngineResult;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSet;
import uk.vda.policy.Effect;
import uk.vda.policy.Outcome;
import uk.vda.policy.Reason;

/**
 * The answer cache's key is complete, found by reflection rather than by a list kept by hand: every field of a
 * disclosure request, nested ones included, is changed one at a time. A change to any field the rules read gives
 * a new cache entry; the only fields that may share one (the person's and the document's own identifiers) never
 * reach the rules. A field added to the request is covered here without anyone adding it.
 */
class DecisionCacheKeyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private static final RuleSet RULE_SET =
            new RuleSet("v1", Instant.EPOCH, "rules", List.of(), List.of(), Map.of(), Map.of());
    /** Callers' references: different on every question about the same post and paper, and not given to the rules. */
    private static final Set<String> NOT_READ_BY_THE_RULES = Set.of("person.id", "document.id");

    private PolicyEngine engine;
    private Vocabulary vocabulary;

    @BeforeEach
    void setUp() {
        engine = MockEngine.mocked();
        given(engine.ruleSet()).willReturn(RULE_SET);
        given(engine.evaluate(any()))
                .willAnswer(call -> new EngineResult(
                        RULE_SET,
                        List.of(new Outcome(Effect.PERMIT), new Reason("SomePermit", Effect.PERMIT, "ok", "")),
                        Set.of("SomePermit")));
        vocabulary = mock(Vocabulary.class);
        given(vocabulary.roles()).willReturn(anyName());
        given(vocabulary.categories()).willReturn(anyName());
        given(vocabulary.caveats()).willReturn(anyName());
        given(vocabulary.wording(any())).willAnswer(call -> Wording.of(call.getArgument(0)));
    }

    @Test
    void shouldFindEveryFieldOfTheRequestIncludingNestedOnes() {
        assertThat(leaves())
                .contains(
                        "person.id",
                        "person.roles",
                        "person.vetting[0].status",
                        "person.vetting[0].sponsor",
                        "document.id",
                        "document.marking",
                        "document.alternatives[0].id",
                        "document.alternatives[0].owner",
                        "access.frequency",
                        "access.via",
                        "asOf")
                .hasSizeGreaterThan(25);
    }

    @Test
    void shouldNeverShareAnEntryBetweenRequestsThatDifferInAFieldTheRulesRead() {
        for (String leaf : leaves()) {
            DecisionService cached = new DecisionService(engine, vocabulary, CLOCK, new DecisionCache(100));
            cached.decide(request(null));
            clearInvocations(engine);

            cached.decide(request(leaf));

            int sessions = mockingDetails(engine).getInvocations().stream()
                    .filter(i -> i.getMethod().getName().equals("evaluate"))
                    .toList()
                    .size();
            if (NOT_READ_BY_THE_RULES.contains(leaf)) {
                assertThat(sessions)
                        .as("%s is answered from the entry made without it", leaf)
                        .isZero();
            } else {
                assertThat(sessions)
                        .as("changing %s runs the rules again (one alternative, one document)", leaf)
                        .isEqualTo(2);
            }
        }
    }

    @Test
    void shouldGiveTheRulesTheSameFactsForRequestsThatShareAnEntry() {
        DecisionService uncached = new DecisionService(engine, vocabulary, CLOCK);
        List<List<Object>> base = factsFor(uncached, request(null));
        for (String leaf : NOT_READ_BY_THE_RULES) {
            assertThat(factsFor(uncached, request(leaf)))
                    .as("the facts with %s changed", leaf)
                    .isEqualTo(base);
        }
        assertThat(factsFor(uncached, request("person.roles"))).isNotEqualTo(base);
    }

    private List<List<Object>> factsFor(DecisionService service, DecisionRequest request) {
        clearInvocations(engine);
        service.decide(request);
        List<List<Object>> sessions = new ArrayList<>();
        mockingDetails(engine).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("evaluate"))
                .forEach(i -> sessions.add(List.copyOf((Collection<?>) i.getArgument(0))));
        return sessions;
    }

    // --- requests built by reflection: every field null (lists of records hold one), except the one changed

    private static List<String> leaves() {
        List<String> leaves = new ArrayList<>();
        build(DecisionRequest.class, DecisionRequest.class, "", null, leaves);
        return leaves;
    }

    /** A request whose fields are all empty but {@code changed} (a path such as person.vetting[0].level). */
    private static DecisionRequest request(String changed) {
        return (DecisionRequest) build(DecisionRequest.class, DecisionRequest.class, "", changed, new ArrayList<>());
    }

    private static Object build(Class<?> type, Type generic, String path, String changed, List<String> leaves) {
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                String name = (path.isEmpty() ? "" : path + ".") + components[i].getName();
                types[i] = components[i].getType();
                values[i] = build(types[i], components[i].getGenericType(), name, changed, leaves);
            }
            try {
                return type.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        if (type == List.class && element(generic) instanceof Class<?> element && element.isRecord()) {
            return List.of(build(element, element, path + "[0]", changed, leaves));
        }
        leaves.add(path);
        return path.equals(changed) ? sample(type, generic, path) : null;
    }

    private static Type element(Type generic) {
        return generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    /** A value for one field: a valid one, since the question is checked before the rules run. */
    private static Object sample(Class<?> type, Type generic, String path) {
        if (type == String.class) {
            return "GB";
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2026, 1, 2);
        }
        if (type == Boolean.class) {
            return Boolean.TRUE;
        }
        if (type == List.class && element(generic) instanceof Class<?> element) {
            return List.of(sample(element, element, path + "[0]"));
        }
        return fail("No sample value for %s (%s): add one to DecisionCacheKeyTest.sample", path, generic);
    }

    /** A vocabulary in which every name is known, so any sample value passes the check before the rules. */
    private static Map<String, String> anyName() {
        return new AbstractMap<>() {
            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of();
            }

            @Override
            public Set<String> keySet() {
                return new AbstractSet<>() {
                    @Override
                    public boolean contains(Object o) {
                        return true;
                    }

                    @Override
                    public Iterator<String> iterator() {
                        return Collections.emptyIterator();
                    }

                    @Override
                    public int size() {
                        return 0;
                    }
                };
            }
        };
    }
}
