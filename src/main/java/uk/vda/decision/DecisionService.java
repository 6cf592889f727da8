package uk.vda.decision;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import uk.vda.catalogue.Vocabulary;
import uk.vda.catalogue.Wording;
import uk.vda.decision.DecisionResponse.AccessView;
import uk.vda.decision.DecisionResponse.AlternativeView;
import uk.vda.decision.DecisionResponse.MarkingView;
import uk.vda.decision.DecisionResponse.PoliceVettingView;
import uk.vda.engine.EngineResult;
import uk.vda.engine.EvaluationException;
import uk.vda.engine.PolicyEngine;
import uk.vda.parts.AlternativeInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.MissingFactView;
import uk.vda.parts.PersonInput;
import uk.vda.parts.ReasonView;
import uk.vda.parts.RuleSetRef;
import uk.vda.parts.VettingInput;
import uk.vda.policy.Access;
import uk.vda.policy.AccessFrequency;
import uk.vda.policy.AccessVia;
import uk.vda.policy.AlternativeOutcome;
import uk.vda.policy.Clearance;
import uk.vda.policy.Document;
import uk.vda.policy.Effect;
import uk.vda.policy.EffectivePoliceVetting;
import uk.vda.policy.EffectiveVetting;
import uk.vda.policy.Evaluation;
import uk.vda.policy.HandlingCondition;
import uk.vda.policy.Marking;
import uk.vda.policy.MarkingSchemes;
import uk.vda.policy.MarkingTreatment;
import uk.vda.policy.MinimumPoliceVetting;
import uk.vda.policy.MinimumVetting;
import uk.vda.policy.MissingFact;
import uk.vda.policy.NeedToKnow;
import uk.vda.policy.Outcome;
import uk.vda.policy.Person;
import uk.vda.policy.PoliceVettingSufficient;
import uk.vda.policy.Reason;
import uk.vda.policy.Recommendation;
import uk.vda.policy.Scheme;
import uk.vda.policy.VettingLevel;
import uk.vda.policy.VettingSufficient;
import uk.vda.system.FieldProblem;
import uk.vda.system.Ids;
import uk.vda.system.InvalidRequestException;

/**
 * Answers a disclosure question: checks the request against the rule set's vocabulary, turns it into facts, runs
 * the rules once per lower-marked alternative and once for the document, and reads the answer off the facts.
 * It decides nothing itself: the only logic here is the combining algorithm (any DENY reason beats every PERMIT,
 * and without a PERMIT the answer is DENY) and "an evaluation error is a DENY".
 */
@Service
public class DecisionService {
    private static final Logger log = LoggerFactory.getLogger(DecisionService.class);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** The reasons this class gives itself, not a rule: no rule permitted, or the rules could not be run. */
    static final String DENY_BY_DEFAULT = "DenyByDefault";

    static final String EVALUATION_ERROR = "EvaluationError";
    private static final Comparator<Reason> REASON_ORDER = Comparator.comparing((Reason r) -> switch (r.effect()) {
                case DENY -> 0;
                case PERMIT -> 1;
                case NOTE -> 2;
            })
            .thenComparing(Reason::rule)
            .thenComparing(Reason::message);

    private final PolicyEngine engine;
    private final Vocabulary vocabulary;
    private final Clock clock;
    private final DecisionCache cache;
    /** The cache's work when nothing else is to run: made once, not per question. */
    private final Function<DecisionRequest, Traced> checked = question -> checkedAnswer(question, null, null, true);

    /** A service without a cache: every question runs the rules (tests, candidates, impact analysis). */
    public DecisionService(PolicyEngine engine, Vocabulary vocabulary, Clock clock) {
        this(engine, vocabulary, clock, DecisionCache.NONE);
    }

    @Autowired
    public DecisionService(PolicyEngine engine, Vocabulary vocabulary, Clock clock, DecisionCache cache) {
        this.engine = engine;
        this.vocabulary = vocabulary;
        this.clock = clock;
        this.cache = cache;
    }

    /** Answers a question; a question already answered under the live rule set is answered from the cache. */
    public DecisionResponse decide(DecisionRequest request) {
        return withId(answer(request), Ids.next());
    }

    /** As {@link #decide(DecisionRequest)}; {@code evaluated} runs when the rules ran (the answer was not cached). */
    public DecisionResponse decide(DecisionRequest request, Runnable evaluated) {
        return withId(answer(request, evaluated), Ids.next());
    }

    /**
     * The answer, possibly shared with other identical questions: its decisionId is not this call's. The rules see
     * the question as the cache keys it, so two requests that share an entry give the rules the same facts. A
     * question is checked against the vocabulary only when it is not in the cache: an entry is made only after the
     * same question passed that check under the same rule-set version.
     */
    DecisionResponse answer(DecisionRequest request) {
        return kept(request, null, null, true).response();
    }

    /** As {@link #answer(DecisionRequest)}; {@code evaluated}, when given, runs when the rules ran (no cached answer). */
    DecisionResponse answer(DecisionRequest request, Runnable evaluated) {
        return kept(request, evaluated, null, true).response();
    }

    /**
     * As {@link #answer(DecisionRequest, Runnable)}, within a {@link Run}: the question shares the kept session of
     * the run's earlier questions about the same person (a batch answers one person's pairs one after another).
     */
    DecisionResponse answer(DecisionRequest request, Runnable evaluated, Run run) {
        return kept(request, evaluated, run, true).response();
    }

    /**
     * As {@link #answer(DecisionRequest, Runnable, Run)}, for a caller that reads only the outcome: the decision,
     * the vetting needed, the effective vetting, need to know, the lower-marked versions' outcomes and the rule
     * set, exactly as the worded answer has them. The words (summary, reasons, conditions, recommendations, notes)
     * are left out unless the answer was already kept with them: a batch asked for no explanation does not pay for
     * wording it never sends. An answer kept without words never answers a question that needs them
     * ({@link DecisionCache#kept}).
     */
    DecisionResponse outcome(DecisionRequest request, Runnable evaluated, Run run) {
        return kept(request, evaluated, run, false).response();
    }

    /** Starts a {@link Run}; close it when its questions are answered. */
    Run run() {
        return new Run();
    }

    /**
     * Questions answered one after another on one thread. The rules' facts about who asks, how and when (the person,
     * the access, the date) are the same for a document, its lower-marked versions and, in a batch, the next
     * documents that person is asked about: a run keeps them in one kept session ({@link PolicyEngine#series}) for
     * as long as the next question shares them.
     */
    final class Run implements AutoCloseable {
        private PolicyEngine.Series series;
        /** The shared facts of the last question: a series starts when the next one shares them too. */
        private List<Object> last;

        /**
         * The series for a question's evaluations: the run's series while the shared facts stay the same; for the
         * first evaluation over new shared facts, one alone (a series costs more than it saves unless a second
         * evaluation shares them), unless {@link #expect} said more will.
         */
        private PolicyEngine.Series over(List<Object> shared) {
            if (series != null && series.shared().equals(shared)) {
                return series;
            }
            close();
            if (shared.equals(last)) {
                series = engine.series(shared);
                return series;
            }
            last = shared;
            return PolicyEngine.Series.eachAlone(shared, engine::evaluate);
        }

        /** Says that more than one evaluation will share these facts (a document's lower-marked versions). */
        private void expect(List<Object> shared) {
            last = shared;
        }

        @Override
        public void close() {
            if (series != null) {
                series.close();
                series = null;
            }
        }
    }

    /** The answer as {@link #answer} gives it, with the JSON kept beside it (a question not cached: kept by none). */
    DecisionCache.Kept kept(DecisionRequest request) {
        return kept(request, null, null, true);
    }

    /**
     * {@code work} sees only the question as the cache keys it (a lambda here must not capture the request), so a
     * field outside the key cannot reach the rules.
     */
    private DecisionCache.Kept kept(DecisionRequest request, Runnable evaluated, Run run, boolean worded) {
        LocalDate asOf = request.asOf() != null ? request.asOf() : LocalDate.now(clock);
        if (!cache.keepsAnswers()) {
            return new DecisionCache.Kept(
                    checkedAnswer(DecisionCache.asTheRulesSeeIt(request, asOf), evaluated, run, worded)
                            .response(),
                    worded);
        }
        Function<DecisionRequest, Traced> work = evaluated == null && run == null && worded
                ? checked
                : question -> checkedAnswer(question, evaluated, run, worded);
        return cache.kept(DecisionCache.Question.of(engine.ruleSet().version(), request, asOf), work, worded);
    }

    /** Checks the question against the vocabulary and runs the rules; {@code evaluated}, when given, runs in between. */
    private Traced checkedAnswer(DecisionRequest question, Runnable evaluated, Run run, boolean worded) {
        validate(question);
        if (evaluated != null) {
            evaluated.run();
        }
        if (run != null) {
            return evaluate(question, run, worded);
        }
        try (Run alone = new Run()) {
            return evaluate(question, alone, worded);
        }
    }

    static DecisionResponse withId(DecisionResponse r, String id) {
        return new DecisionResponse(
                r.summary(),
                id,
                r.decision(),
                r.requiredVetting(),
                r.effectiveVetting(),
                r.vettingSufficient(),
                r.needToKnow(),
                r.marking(),
                r.access(),
                r.policeVetting(),
                r.reasons(),
                r.conditions(),
                r.alternatives(),
                r.recommendations(),
                r.missingFacts(),
                r.ruleSet(),
                r.asOf());
    }

    /**
     * An answer with the names of every rule that fired for it (the document's and its alternatives'), and whether
     * the rules ran to the end each time (an answer given for an evaluation error is not kept in the cache).
     */
    public record Traced(DecisionResponse response, Set<String> firedRules, boolean evaluated) {}

    /** Answers and records which rules fired: what scenario coverage is measured on. */
    public Traced decideTraced(DecisionRequest request) {
        validate(request);
        return evaluate(
                DecisionCache.asTheRulesSeeIt(request, request.asOf() != null ? request.asOf() : LocalDate.now(clock)),
                null,
                true);
    }

    /**
     * Runs the rules over a question already validated: within {@code run}, or with {@code run} null on new
     * sessions, recording which rules fired; without the answer's words unless {@code worded}.
     */
    private Traced evaluate(DecisionRequest request, Run run, boolean worded) {
        Set<String> fired = new TreeSet<>();
        boolean evaluated = true;
        LocalDate asOf = request.asOf() != null ? request.asOf() : LocalDate.now(clock);
        List<Object> common = new ArrayList<>(personFacts(request.person()));
        common.add(
                request.access() == null
                        ? new Access(null, null)
                        : new Access(
                                request.access().frequency(), request.access().via()));
        common.add(new Evaluation(asOf));

        DocumentInput input = request.document();
        if (run != null && !nullSafe(input.alternatives()).isEmpty()) {
            run.expect(common);
        }
        List<AlternativeView> alternatives = new ArrayList<>();
        List<Object> facts = new ArrayList<>();
        for (AlternativeInput alternative : nullSafe(input.alternatives())) {
            Document document = alternativeDocument(input, alternative);
            Answer answer = run(common, List.of(document), run);
            fired.addAll(answer.firedRules());
            evaluated &= answer.result() != null;
            alternatives.add(new AlternativeView(
                    alternative.id(),
                    alternative.marking(),
                    answer.decision(),
                    answer.result() == null ? null : level(answer.result().one(MinimumVetting.class))));
            facts.add(new AlternativeOutcome(
                    alternative.id(),
                    alternative.marking(),
                    document.category(),
                    answer.decision(),
                    alternatives.get(alternatives.size() - 1).requiredVetting(),
                    decidingDeny(answer)));
        }
        Document document = document(input);
        facts.add(document);
        Answer answer = run(common, facts, run);
        fired.addAll(answer.firedRules());
        evaluated &= answer.result() != null;
        return new Traced(
                worded ? response(answer, document, alternatives, asOf) : outcome(answer, document, alternatives, asOf),
                fired,
                evaluated);
    }

    /** The rules' answer: PERMIT only when a rule permitted and no rule denied; an error is a DENY. */
    private record Answer(Effect decision, EngineResult result, List<Reason> reasons) {
        Set<String> firedRules() {
            return result == null ? Set.of() : result.firedRules();
        }
    }

    /** The message of the first DENY reason of a refused answer (reasons are sorted DENY first); null otherwise. */
    private static String decidingDeny(Answer answer) {
        return answer.decision() != Effect.DENY
                ? null
                : answer.reasons().stream()
                        .filter(r -> r.effect() == Effect.DENY && !r.rule().equals(DENY_BY_DEFAULT))
                        .map(Reason::message)
                        .findFirst()
                        .orElse(
                                answer.reasons().isEmpty()
                                        ? null
                                        : answer.reasons().get(0).message());
    }

    /** The rules' answer over the facts the question shares with others ({@code common}) and its own. */
    private Answer run(List<Object> common, List<Object> own, Run run) {
        try {
            EngineResult result;
            if (run == null) {
                List<Object> facts = new ArrayList<>(common);
                facts.addAll(own);
                result = engine.evaluateTraced(facts);
            } else {
                result = run.over(common).evaluate(own);
            }
            List<Reason> reasons =
                    result.all(Reason.class).stream().sorted(REASON_ORDER).toList();
            boolean denied = reasons.stream().anyMatch(r -> r.effect() == Effect.DENY);
            boolean permitted = result.all(Outcome.class).stream().anyMatch(o -> o.decision() == Effect.PERMIT);
            if (permitted && !denied) {
                return new Answer(Effect.PERMIT, result, reasons);
            }
            if (!denied) {
                List<Reason> withDefault = new ArrayList<>();
                withDefault.add(new Reason(
                        DENY_BY_DEFAULT,
                        Effect.DENY,
                        "No rule permitted this access, so it is refused (deny by default).",
                        "advisor: deny by default"));
                withDefault.addAll(reasons);
                return new Answer(Effect.DENY, result, withDefault);
            }
            return new Answer(Effect.DENY, result, reasons);
        } catch (EvaluationException e) {
            log.error("Rule evaluation failed; answering DENY", e);
            return new Answer(
                    Effect.DENY,
                    null,
                    List.of(new Reason(
                            EVALUATION_ERROR,
                            Effect.DENY,
                            "The rules could not be evaluated, so access is refused. The error has been logged for the service owners.",
                            "advisor: an evaluation error never permits")));
        }
    }

    /**
     * The answer without its words: every field {@link #response} works out from the rules' facts alone, as it
     * works them out; the summary null and the reasons, conditions, recommendations and missing facts empty.
     */
    private DecisionResponse outcome(
            Answer answer, Document document, List<AlternativeView> alternatives, LocalDate asOf) {
        EngineResult result = answer.result();
        if (result == null) {
            return new DecisionResponse(
                    null,
                    Ids.next(),
                    Effect.DENY,
                    null,
                    null,
                    false,
                    false,
                    new MarkingView(document.marking(), document.scheme(), null, null),
                    null,
                    null,
                    List.of(),
                    List.of(),
                    alternatives,
                    List.of(),
                    List.of(),
                    new RuleSetRef(engine.ruleSet().version()),
                    asOf);
        }
        MarkingTreatment treatment = result.one(MarkingTreatment.class);
        return new DecisionResponse(
                null,
                Ids.next(),
                answer.decision(),
                level(result.one(MinimumVetting.class)),
                effective(result),
                result.one(VettingSufficient.class) != null,
                !result.all(NeedToKnow.class).isEmpty(),
                new MarkingView(
                        document.marking(),
                        treatment == null ? document.scheme() : treatment.scheme(),
                        treatment == null ? null : treatment.treatedAs(),
                        null),
                access(result),
                police(result),
                List.of(),
                List.of(),
                alternatives,
                List.of(),
                List.of(),
                new RuleSetRef(result.ruleSet().version()),
                asOf);
    }

    private static VettingLevel effective(EngineResult result) {
        EffectiveVetting effective = result.one(EffectiveVetting.class);
        return effective == null ? null : effective.level();
    }

    private static AccessView access(EngineResult result) {
        AccessFrequency frequency = result.one(AccessFrequency.class);
        AccessVia via = result.one(AccessVia.class);
        return frequency == null
                ? null
                : new AccessView(
                        frequency.value(),
                        frequency.assumed(),
                        via == null ? null : via.value(),
                        via != null && via.assumed());
    }

    private static PoliceVettingView police(EngineResult result) {
        MinimumPoliceVetting police = result.one(MinimumPoliceVetting.class);
        EffectivePoliceVetting held = result.one(EffectivePoliceVetting.class);
        return police == null
                ? null
                : new PoliceVettingView(
                        police.level(),
                        held == null ? null : held.level(),
                        result.one(PoliceVettingSufficient.class) != null);
    }

    private DecisionResponse response(
            Answer answer, Document document, List<AlternativeView> alternatives, LocalDate asOf) {
        DecisionResponse outcome = outcome(answer, document, alternatives, asOf);
        EngineResult result = answer.result();
        Wording wording = vocabulary.wording(result == null ? engine.ruleSet() : result.ruleSet());
        Wording.Answer words = wording.answer();
        List<Reason> ordered =
                answer.reasons().stream().sorted(decidingFirst(wording)).toList();
        List<String> recommendations = result == null
                ? List.of()
                : result.all(Recommendation.class).stream()
                        .map(Recommendation::text)
                        .sorted()
                        .toList();
        Reason deciding = ordered.stream()
                .filter(r -> r.effect() == answer.decision())
                .findFirst()
                .orElse(ordered.isEmpty() ? null : ordered.get(0));
        // in the order the answer reads: an acronym is spelt out where it is first used
        String summary = words.say(wording.summary(
                "DECISION",
                answer.decision().name(),
                deciding == null ? "" : deciding.message(),
                recommendations.isEmpty() ? null : recommendations.get(0)));
        List<ReasonView> reasons = ordered.stream()
                .map(r -> new ReasonView(r.rule(), r.effect(), words.say(r.message()), r.source()))
                .toList();
        if (result == null) {
            return worded(outcome, summary, reasons, null, List.of(), List.of(), List.of());
        }
        List<String> conditions = answer.decision() == Effect.PERMIT
                ? result.all(HandlingCondition.class).stream()
                        .sorted(Comparator.comparing(HandlingCondition::rule)
                                .thenComparingInt(HandlingCondition::order))
                        .map(HandlingCondition::text)
                        .distinct()
                        .map(words::say)
                        .toList()
                : List.of();
        MarkingTreatment treatment = result.one(MarkingTreatment.class);
        String note = treatment == null ? null : words.say(treatment.note());
        return worded(
                outcome,
                summary,
                reasons,
                note,
                conditions,
                recommendations.stream().map(words::say).toList(),
                result.all(MissingFact.class).stream()
                        .sorted(Comparator.comparing(MissingFact::field))
                        .map(m -> new MissingFactView(m.field(), words.say(m.message())))
                        .toList());
    }

    /** The outcome with the answer's words put in. */
    private static DecisionResponse worded(
            DecisionResponse outcome,
            String summary,
            List<ReasonView> reasons,
            String markingNote,
            List<String> conditions,
            List<String> recommendations,
            List<MissingFactView> missingFacts) {
        MarkingView marking = outcome.marking();
        return new DecisionResponse(
                summary,
                outcome.decisionId(),
                outcome.decision(),
                outcome.requiredVetting(),
                outcome.effectiveVetting(),
                outcome.vettingSufficient(),
                outcome.needToKnow(),
                new MarkingView(marking.value(), marking.scheme(), marking.treatedAs(), markingNote),
                outcome.access(),
                outcome.policeVetting(),
                reasons,
                conditions,
                outcome.alternatives(),
                recommendations,
                missingFacts,
                outcome.ruleSet(),
                outcome.asOf());
    }

    /**
     * The deciding reason first (the refusal answers/deciding-reasons.csv ranks first), then the other refusals
     * (what would also have to change), then the permit, then notes.
     */
    private static Comparator<Reason> decidingFirst(Wording wording) {
        return Comparator.comparing((Reason r) -> switch (r.effect()) {
                    case DENY -> 0;
                    case PERMIT -> 1;
                    case NOTE -> 2;
                })
                .thenComparingInt(r -> r.effect() == Effect.DENY ? wording.rank(r.rule()) : 0)
                .thenComparing(Reason::rule)
                .thenComparing(Reason::message);
    }

    private static VettingLevel level(MinimumVetting minimum) {
        return minimum == null ? null : minimum.level();
    }

    private static List<Object> personFacts(PersonInput person) {
        List<Object> facts = new ArrayList<>();
        facts.add(new Person(
                person.id(),
                Set.copyOf(nullSafe(person.roles())),
                person.organisation(),
                Set.copyOf(nullSafe(person.nationalities()))));
        List<VettingInput> vetting = nullSafe(person.vetting());
        for (int i = 0; i < vetting.size(); i++) {
            VettingInput v = vetting.get(i);
            facts.add(new Clearance(i, v.level(), v.status(), v.grantedOn(), v.reviewDue(), v.sponsor(), v.lapsedOn()));
        }
        return facts;
    }

    private static Document document(DocumentInput d) {
        return new Document(
                d.id(),
                d.marking(),
                d.scheme(),
                d.category(),
                Set.copyOf(nullSafe(d.caveats())),
                Set.copyOf(nullSafe(d.descriptors())),
                Boolean.TRUE.equals(d.codeword()),
                d.owner(),
                d.createdOn());
    }

    /** An alternative inherits the document's caveats, category and owner unless it says otherwise. */
    private static Document alternativeDocument(DocumentInput d, AlternativeInput a) {
        return new Document(
                a.id(),
                a.marking(),
                a.scheme(),
                a.category() != null ? a.category() : d.category(),
                Set.copyOf(a.caveats() != null ? a.caveats() : nullSafe(d.caveats())),
                Set.copyOf(nullSafe(d.descriptors())),
                Boolean.TRUE.equals(a.codeword()),
                a.owner() != null ? a.owner() : d.owner(),
                d.createdOn());
    }

    /** Every value the rule set's vocabulary does not know, all in one 400. */
    void validate(DecisionRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        PersonInput person = request.person();
        Map<String, String> roles = vocabulary.roles();
        List<String> personRoles = nullSafe(person.roles());
        for (int i = 0; i < personRoles.size(); i++) {
            require(problems, "person.roles", i, personRoles.get(i), roles.keySet(), "role");
        }
        List<String> nationalities = nullSafe(person.nationalities());
        for (int i = 0; i < nationalities.size(); i++) {
            String code = nationalities.get(i);
            if (code == null || !COUNTRIES.contains(code)) {
                problems.add(new FieldProblem(
                        "person.nationalities[" + i + "]",
                        "'" + code + "' is not an ISO 3166 alpha-2 country code (use GB for British nationals)",
                        code,
                        List.of()));
            }
        }
        DocumentInput document = request.document();
        MarkingSchemes schemes = vocabulary.schemes();
        checkScheme(problems, schemes, "document", document.marking(), document.scheme());
        Map<String, String> categories = vocabulary.categories();
        if (document.category() != null) {
            require(problems, "document.category", -1, document.category(), categories.keySet(), "category");
        }
        checkCaveats(problems, "document.caveats", document.caveats());
        List<AlternativeInput> alternatives = nullSafe(document.alternatives());
        for (int i = 0; i < alternatives.size(); i++) {
            AlternativeInput a = alternatives.get(i);
            String field = "document.alternatives[" + i + "]";
            checkScheme(problems, schemes, field, a.marking(), a.scheme());
            if (a.category() != null) {
                require(problems, field + ".category", -1, a.category(), categories.keySet(), "category");
            }
            checkCaveats(problems, field + ".caveats", a.caveats());
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
    }

    private void checkCaveats(List<FieldProblem> problems, String field, List<String> caveats) {
        List<String> given = nullSafe(caveats);
        for (int i = 0; i < given.size(); i++) {
            require(problems, field, i, given.get(i), vocabulary.caveats().keySet(), "national caveat");
        }
    }

    /** A marking given with a scheme must belong to it, as the rule set's markings table says. */
    private static void checkScheme(
            List<FieldProblem> problems, MarkingSchemes schemes, String field, Marking marking, Scheme scheme) {
        if (marking != null && scheme != null && !schemes.belongsTo(marking, scheme)) {
            problems.add(new FieldProblem(
                    field + ".marking",
                    marking + " is not a " + scheme + " marking",
                    marking,
                    schemes.markingsOf(scheme).stream().map(Enum::name).toList()));
        }
    }

    /** The field's name (with [index] when not -1) is only put together when the value is refused. */
    private static void require(
            List<FieldProblem> problems, String field, int index, String value, Set<String> allowed, String what) {
        if (value == null || !allowed.contains(value)) {
            problems.add(new FieldProblem(
                    index < 0 ? field : field + "[" + index + "]",
                    "'" + value + "' is not a known " + what,
                    value,
                    List.copyOf(new TreeSet<>(allowed))));
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
