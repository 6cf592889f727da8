package uk.vda.vetting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import uk.vda.catalogue.Vocabulary;
import uk.vda.catalogue.Wording;
import uk.vda.engine.EngineResult;
import uk.vda.engine.EvaluationException;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.Tables;
import uk.vda.parts.MissingFactView;
import uk.vda.parts.ReasonView;
import uk.vda.parts.RuleSetRef;
import uk.vda.parts.VettingInput;
import uk.vda.policy.Access;
import uk.vda.policy.AccessFrequency;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.AccessVia;
import uk.vda.policy.AssessedPoliceRequirement;
import uk.vda.policy.AssessedRequirement;
import uk.vda.policy.Clearance;
import uk.vda.policy.CostAvoided;
import uk.vda.policy.DefaultProfileUsed;
import uk.vda.policy.Document;
import uk.vda.policy.Driver;
import uk.vda.policy.Effect;
import uk.vda.policy.EffectiveVetting;
import uk.vda.policy.Evaluation;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.MarkingSchemes;
import uk.vda.policy.MinimumPoliceVetting;
import uk.vda.policy.MinimumVetting;
import uk.vda.policy.MissingFact;
import uk.vda.policy.NeedToKnow;
import uk.vda.policy.Organisation;
import uk.vda.policy.OverVetted;
import uk.vda.policy.Owner;
import uk.vda.policy.Person;
import uk.vda.policy.PoliceVettingSufficient;
import uk.vda.policy.ProfileRequirement;
import uk.vda.policy.Reason;
import uk.vda.policy.Recommendation;
import uk.vda.policy.Residence;
import uk.vda.policy.Scheme;
import uk.vda.policy.Verdict;
import uk.vda.policy.VerdictValue;
import uk.vda.policy.VettingLevel;
import uk.vda.policy.VettingRequest;
import uk.vda.policy.VettingSufficient;
import uk.vda.system.FieldProblem;
import uk.vda.system.Ids;
import uk.vda.system.InvalidRequestException;
import uk.vda.vetting.AssessmentRequest.ProfileLine;
import uk.vda.vetting.AssessmentResponse.Money;
import uk.vda.vetting.AssessmentResponse.ProfileLineView;

/**
 * What vetting a post needs, on the same rule set as disclosure decisions: each access-profile line is run through
 * the decision rules as a document (the matrix, force vetting and need to know), then one more session over the
 * held clearances, the request and the lines' requirements gives the verdict, the cost avoided and the cheaper
 * routes. Line answers are cached for the length of one call (a roster repeats the same lines many times).
 */
@Service
public class AssessmentService {
    static final String ROLE_PROFILES = Tables.ROLE_PROFILES;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final PolicyEngine engine;
    private final Vocabulary vocabulary;
    private final Clock clock;

    public AssessmentService(PolicyEngine engine, Vocabulary vocabulary, Clock clock) {
        this.engine = engine;
        this.vocabulary = vocabulary;
        this.clock = clock;
    }

    /** An answer with the names of every rule that fired for it, and of the rule that gave the verdict (or null). */
    public record Traced(AssessmentResponse response, Set<String> firedRules, String verdictRule) {}

    /** What one profile line needs; the same for everyone with the same line, roles and organisation. */
    private record LineKey(
            Marking marking,
            Scheme scheme,
            Frequency frequency,
            String category,
            boolean codeword,
            Owner owner,
            AccessRoute via,
            Set<String> roles,
            Organisation organisation,
            LocalDate asOf) {}

    private record LineResult(
            VettingLevel requires,
            VettingLevel policeRequires,
            VettingLevel requiresIfOccasional,
            Frequency frequency,
            Boolean needToKnow,
            List<Reason> assumptions,
            List<MissingFact> missing,
            Set<String> firedRules) {}

    /**
     * A cache of line answers for one call, and whether the call records which rules fired (on new sessions,
     * as scenarios need: {@link PolicyEngine#evaluateTraced}) or not (on kept ones, as answers need). A roster's
     * workers share it, so it is safe to use from several threads; it keeps at most {@value #KEPT} lines, so that
     * a roster whose lines are all different holds no more than that (lines beyond are worked out each time).
     */
    public static final class Lines {
        static final int KEPT = 10_000;

        private final Map<LineKey, LineResult> answers = new ConcurrentHashMap<>();
        private final LongAdder evaluated = new LongAdder();
        private final boolean traced;

        public Lines() {
            this(false);
        }

        private Lines(boolean traced) {
            this.traced = traced;
        }

        /** Lines run through the rules so far. */
        public long evaluated() {
            return evaluated.sum();
        }

        /**
         * The line's answer, worked out when not kept. Two threads asking the same new line at once may both work it
         * out: the answers are the same, and one is kept.
         */
        private LineResult answer(LineKey key, Function<LineKey, LineResult> work) {
            LineResult kept = answers.get(key);
            if (kept != null) {
                return kept;
            }
            LineResult result = work.apply(key);
            evaluated.increment();
            if (answers.size() < KEPT) {
                answers.putIfAbsent(key, result);
            }
            return result;
        }
    }

    /**
     * The most rule evaluations an assessment can need: one per line of its access profile, the roles' typical one
     * when none is given. For a request that passed {@link #check}.
     */
    public long evaluations(AssessmentRequest request) {
        if (request.accessProfile() != null) {
            return Math.max(1, request.accessProfile().size());
        }
        return Math.max(
                1,
                roles(request).stream()
                        .flatMap(r -> defaultProfile(r).stream())
                        .distinct()
                        .count());
    }

    public AssessmentResponse assess(AssessmentRequest request) {
        return assessChecked(checked(request), new Lines()).response();
    }

    public Traced assessTraced(AssessmentRequest request) {
        return assessChecked(checked(request), new Lines(true));
    }

    private AssessmentRequest checked(AssessmentRequest request) {
        List<FieldProblem> problems = check(request, "");
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
        return request;
    }

    /** Every problem with a request, fields prefixed (e.g. {@code [3].} in a roster); empty when it can be assessed. */
    public List<FieldProblem> check(AssessmentRequest request, String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> roles = roles(request);
        Map<String, String> known = vocabulary.roles();
        if (roles.isEmpty()) {
            problems.add(new FieldProblem(
                    prefix + "role", "give role or roles", null, List.copyOf(new TreeSet<>(known.keySet()))));
        }
        for (String role : roles) {
            if (!known.containsKey(role)) {
                problems.add(new FieldProblem(
                        prefix + "role",
                        "'" + role + "' is not a known role",
                        role,
                        List.copyOf(new TreeSet<>(known.keySet()))));
            } else if (request.accessProfile() == null && defaultProfile(role).isEmpty()) {
                problems.add(new FieldProblem(
                        prefix + "accessProfile",
                        "'" + role + "' has no typical access profile in " + vocabulary.path(ROLE_PROFILES)
                                + ": give accessProfile",
                        role,
                        List.of()));
            }
        }
        if (request.organisation() == null) {
            problems.add(new FieldProblem(
                    prefix + "organisation",
                    "organisation must not be null",
                    null,
                    Arrays.stream(Organisation.values()).map(Enum::name).toList()));
        }
        if (request.accessProfile() != null) {
            MarkingSchemes schemes = vocabulary.schemes();
            if (request.accessProfile().isEmpty()) {
                problems.add(new FieldProblem(
                        prefix + "accessProfile",
                        "give at least one line, or leave accessProfile out to use the role's typical profile",
                        null,
                        List.of()));
            }
            Map<String, String> categories = vocabulary.categories();
            for (int i = 0; i < request.accessProfile().size(); i++) {
                ProfileLine line = request.accessProfile().get(i);
                String field = prefix + "accessProfile[" + i + "]";
                if (line == null || line.marking() == null) {
                    problems.add(new FieldProblem(
                            field + ".marking",
                            "marking must not be null",
                            null,
                            Arrays.stream(Marking.values()).map(Enum::name).toList()));
                    continue;
                }
                if (line.scheme() != null && !schemes.belongsTo(line.marking(), line.scheme())) {
                    problems.add(new FieldProblem(
                            field + ".marking",
                            line.marking() + " is not a " + line.scheme() + " marking",
                            line.marking(),
                            schemes.markingsOf(line.scheme()).stream()
                                    .map(Enum::name)
                                    .toList()));
                }
                if (line.category() != null && !categories.containsKey(line.category())) {
                    problems.add(new FieldProblem(
                            field + ".category",
                            "'" + line.category() + "' is not a known category",
                            line.category(),
                            List.copyOf(new TreeSet<>(categories.keySet()))));
                }
            }
        }
        List<String> nationalities = request.nationalities() == null ? List.of() : request.nationalities();
        for (int i = 0; i < nationalities.size(); i++) {
            String code = nationalities.get(i);
            if (code == null || !COUNTRIES.contains(code)) {
                problems.add(new FieldProblem(
                        prefix + "nationalities[" + i + "]",
                        "'" + code + "' is not an ISO 3166 alpha-2 country code (use GB for British nationals)",
                        code,
                        List.of()));
            }
        }
        if (request.ukResidenceYears() != null
                && (request.ukResidenceYears() < 0 || request.ukResidenceYears() > 150)) {
            problems.add(new FieldProblem(
                    prefix + "ukResidenceYears",
                    "give whole years between 0 and 150",
                    request.ukResidenceYears(),
                    List.of()));
        }
        List<VettingInput> held = request.held() == null ? List.of() : request.held();
        for (int i = 0; i < held.size(); i++) {
            VettingInput v = held.get(i);
            if (v == null || v.level() == null || v.status() == null) {
                problems.add(new FieldProblem(
                        prefix + "held[" + i + "]", "each held line needs level and status", null, List.of()));
            }
        }
        return problems;
    }

    /** Assesses a request that {@link #check} found nothing wrong with. */
    public Traced assessChecked(AssessmentRequest request, Lines lines) {
        LocalDate asOf = request.asOf() != null ? request.asOf() : LocalDate.now(clock);
        Set<String> roles = roles(request);
        boolean useDefault = request.accessProfile() == null;
        List<ProfileLine> profile = useDefault
                ? roles.stream()
                        .flatMap(r -> defaultProfile(r).stream())
                        .distinct()
                        .toList()
                : request.accessProfile();

        Set<String> fired = new TreeSet<>();
        List<Object> facts = new ArrayList<>();
        List<Reason> lineReasons = new ArrayList<>();
        List<MissingFactView> missing = new ArrayList<>();
        List<ProfileRequirement> requirements = new ArrayList<>();
        for (int i = 0; i < profile.size(); i++) {
            ProfileLine line = profile.get(i);
            LineResult result =
                    lines.answer(key(line, roles, request.organisation(), asOf), k -> evaluate(k, lines.traced));
            fired.addAll(result.firedRules());
            String field = "accessProfile[" + i + "]";
            result.assumptions()
                    .forEach(r ->
                            lineReasons.add(new Reason(r.rule(), r.effect(), field + ": " + r.message(), r.source())));
            result.missing()
                    .forEach(m -> missing.add(
                            new MissingFactView(m.field().replaceFirst("^document\\.", field + "."), m.message())));
            ProfileRequirement requirement = new ProfileRequirement(
                    i,
                    line.marking(),
                    result.frequency(),
                    line.category(),
                    Boolean.TRUE.equals(line.codeword()),
                    line.owner(),
                    result.requires(),
                    result.policeRequires(),
                    result.requiresIfOccasional(),
                    result.needToKnow(),
                    line.via(),
                    line.reducible() != null ? line.reducible() : reducibleByDefault(roles));
            requirements.add(requirement);
            facts.add(requirement);
        }
        facts.add(new Person(
                null,
                roles,
                request.organisation(),
                request.nationalities() == null ? Set.of() : Set.copyOf(request.nationalities())));
        if (request.ukResidenceYears() != null) {
            facts.add(new Residence(request.ukResidenceYears()));
        }
        List<VettingInput> held = request.held() == null ? List.of() : request.held();
        for (int i = 0; i < held.size(); i++) {
            VettingInput v = held.get(i);
            facts.add(new Clearance(i, v.level(), v.status(), v.grantedOn(), v.reviewDue(), v.sponsor(), v.lapsedOn()));
        }
        facts.add(new Evaluation(asOf));
        if (request.requestedVetting() != null) {
            facts.add(new VettingRequest(request.requestedVetting()));
        }
        if (useDefault) {
            facts.add(new DefaultProfileUsed(roles));
        }
        // the verdict's own reason goes first: which rule inserted the verdict is recorded either way
        EngineResult result = lines.traced ? engine.evaluateTraced(facts) : engine.evaluateRecordingInserts(facts);
        fired.addAll(result.firedRules());
        Wording wording = vocabulary.wording(result.ruleSet());
        Verdict decided = decidingVerdict(result, wording);
        String verdictRule = decided == null ? null : result.insertedBy(decided);
        return new Traced(
                response(
                        request,
                        result,
                        wording,
                        decided,
                        verdictRule,
                        requirements,
                        lineReasons,
                        missing,
                        useDefault,
                        asOf),
                fired,
                verdictRule);
    }

    /** If rules ever give several verdicts, the one answers/verdicts.csv ranks first (the most demanding). */
    private static Verdict decidingVerdict(EngineResult result, Wording wording) {
        return result.all(Verdict.class).stream()
                .min(Comparator.comparingInt((Verdict v) -> wording.verdictRank(v.value()))
                        .thenComparing(v -> v.value().name()))
                .orElse(null);
    }

    /** The answer, the reason of the rule that gave the verdict ({@code verdictRule}) first. */
    private AssessmentResponse response(
            AssessmentRequest request,
            EngineResult result,
            Wording wording,
            Verdict decided,
            String verdictRule,
            List<ProfileRequirement> lines,
            List<Reason> lineReasons,
            List<MissingFactView> lineMissing,
            boolean useDefault,
            LocalDate asOf) {
        VettingLevel required = level(result.one(AssessedRequirement.class));
        VettingLevel police = result.one(AssessedPoliceRequirement.class) == null
                ? VettingLevel.NONE
                : result.one(AssessedPoliceRequirement.class).level();
        VettingLevel effective = result.one(EffectiveVetting.class) == null
                ? VettingLevel.NONE
                : result.one(EffectiveVetting.class).level();
        VerdictValue verdict = decided == null ? null : decided.value();
        CostAvoided cost = result.all(CostAvoided.class).stream()
                .max(Comparator.comparingInt(CostAvoided::max))
                .orElse(null);
        Set<Integer> drivers = new LinkedHashSet<>();
        result.all(Driver.class).forEach(d -> drivers.add(d.index()));

        List<Reason> reasons = new ArrayList<>(lineReasons);
        reasons.addAll(result.all(Reason.class));
        if (required == null) {
            reasons.add(new Reason(
                    "NoRuleForProfile",
                    Effect.DENY,
                    "No rule says what vetting one of the profile lines needs, so no verdict can be given: ask policy staff.",
                    "advisor: never guess"));
        }
        Wording.Answer words = wording.answer();
        List<Reason> ordered = reasons.stream()
                .sorted(Comparator.comparing((Reason r) -> r.rule().equals(verdictRule) ? 0 : 1)
                        .thenComparing(r -> r.effect().ordinal())
                        .thenComparing(Reason::rule)
                        .thenComparing(Reason::message))
                .toList();
        List<String> recommendations = result.all(Recommendation.class).stream()
                .map(Recommendation::text)
                .distinct()
                .sorted()
                .toList();
        Reason deciding = ordered.stream()
                .filter(r -> r.rule().equals(verdictRule))
                .findFirst()
                .orElse(ordered.stream()
                        .filter(r -> r.effect() == Effect.DENY)
                        .findFirst()
                        .orElse(null));
        String summary = words.say(wording.summary(
                "ASSESSMENT",
                verdict == null ? "ANY" : verdict.name(),
                deciding == null ? "" : deciding.message(),
                recommendations.isEmpty() ? null : recommendations.get(0)));
        List<ReasonView> reasonViews = ordered.stream()
                .map(r -> new ReasonView(r.rule(), r.effect(), words.say(r.message()), r.source()))
                .toList();
        List<MissingFactView> missing = new ArrayList<>();
        lineMissing.forEach(m -> missing.add(new MissingFactView(m.field(), words.say(m.message()))));
        result.all(MissingFact.class)
                .forEach(m -> missing.add(new MissingFactView(
                        m.field().replaceFirst("^person\\.vetting", "held"), words.say(m.message()))));
        missing.sort(Comparator.comparing(MissingFactView::field));
        List<ProfileLineView> views = lines.stream()
                .map(l -> new ProfileLineView(
                        l.marking(),
                        l.frequency(),
                        l.category(),
                        l.requires(),
                        l.policeRequires(),
                        l.needToKnow(),
                        l.via(),
                        l.reducible()))
                .toList();

        return new AssessmentResponse(
                summary,
                Ids.next(),
                required,
                police,
                request.requestedVetting(),
                verdict,
                wording.requestsVetting(verdict),
                required != null && result.one(VettingSufficient.class) != null,
                result.one(AssessedPoliceRequirement.class) == null
                        || result.one(PoliceVettingSufficient.class) != null,
                effective,
                !result.all(OverVetted.class).isEmpty(),
                cost == null ? null : new Money("GBP", cost.min(), cost.max()),
                cost == null ? null : cost.leadTimeDays(),
                lines.stream()
                        .filter(l -> drivers.contains(l.index()))
                        .map(l -> views.get(l.index()))
                        .toList(),
                views,
                useDefault ? "ROLE_DEFAULT" : "REQUEST",
                reasonViews,
                recommendations.stream().map(words::say).toList(),
                List.copyOf(missing),
                new RuleSetRef(result.ruleSet().version()),
                asOf);
    }

    private LineKey key(ProfileLine line, Set<String> roles, Organisation organisation, LocalDate asOf) {
        return new LineKey(
                line.marking(),
                line.scheme(),
                line.frequency(),
                line.category(),
                Boolean.TRUE.equals(line.codeword()),
                line.owner(),
                line.via(),
                roles,
                organisation,
                asOf);
    }

    private LineResult evaluate(LineKey key, boolean traced) {
        // which rule inserted what tells the line's assumptions apart (see assumptions below)
        EngineResult stated = traced
                ? engine.evaluateTraced(lineFacts(key, key.frequency()))
                : engine.evaluateRecordingInserts(lineFacts(key, key.frequency()));
        AccessFrequency frequency = stated.one(AccessFrequency.class);
        VettingLevel ifOccasional = null;
        Set<String> fired = new TreeSet<>(stated.firedRules());
        if (frequency != null && frequency.value() == Frequency.REGULAR) {
            EngineResult occasional = traced
                    ? engine.evaluateTraced(lineFacts(key, Frequency.OCCASIONAL))
                    : engine.evaluate(lineFacts(key, Frequency.OCCASIONAL));
            ifOccasional = level(occasional.one(MinimumVetting.class));
            fired.addAll(occasional.firedRules());
        }
        MinimumPoliceVetting highest = stated.one(MinimumPoliceVetting.class);
        VettingLevel police = highest == null ? VettingLevel.NONE : highest.level();
        List<Reason> assumptions = assumptions(stated);
        return new LineResult(
                level(stated.one(MinimumVetting.class)),
                police,
                ifOccasional,
                frequency == null ? null : frequency.value(),
                key.category() == null ? null : !stated.all(NeedToKnow.class).isEmpty(),
                assumptions,
                stated.all(MissingFact.class),
                fired);
    }

    /**
     * What a line's answer assumed because the line did not say: the reasons of the rules that inserted an assumed
     * access frequency or route (the rules mark an assumption on the fact itself).
     */
    private static List<Reason> assumptions(EngineResult result) {
        Set<String> assuming = new TreeSet<>();
        Stream.<Object>concat(
                        result.all(AccessFrequency.class).stream().filter(AccessFrequency::assumed),
                        result.all(AccessVia.class).stream().filter(AccessVia::assumed))
                .map(result::insertedBy)
                .filter(Objects::nonNull)
                .forEach(assuming::add);
        return result.all(Reason.class).stream()
                .filter(r -> assuming.contains(r.rule()))
                .toList();
    }

    private static List<Object> lineFacts(LineKey key, Frequency frequency) {
        return List.of(
                new Person(null, key.roles(), key.organisation(), Set.of()),
                new Document(
                        "profile-line",
                        key.marking(),
                        key.scheme(),
                        key.category(),
                        Set.of(),
                        Set.of(),
                        key.codeword(),
                        key.owner(),
                        null),
                new Access(frequency, key.via()),
                new Evaluation(key.asOf()));
    }

    private List<ProfileLine> defaultProfile(String role) {
        List<Map<String, String>> rows = vocabulary.rows(ROLE_PROFILES).stream()
                .filter(row -> role.equals(row.get("role")))
                .toList();
        List<ProfileLine> profile = new ArrayList<>();
        for (Map<String, String> row : rows) {
            try {
                profile.add(new ProfileLine(
                        Marking.valueOf(row.get("marking")),
                        null,
                        Frequency.valueOf(row.get("frequency")),
                        blankToNull(row.get("category")),
                        false,
                        blankToNull(row.get("owner")) == null ? null : Owner.valueOf(row.get("owner")),
                        blankToNull(row.get("via")) == null ? null : AccessRoute.valueOf(row.get("via")),
                        blankToNull(row.get("reducible")) == null ? null : !"NO".equals(row.get("reducible"))));
            } catch (IllegalArgumentException e) {
                throw new EvaluationException(
                        vocabulary.path(ROLE_PROFILES) + " has a row for " + role
                                + " with a value that is not allowed (" + e.getMessage()
                                + "): policy staff must correct it",
                        e);
            }
        }
        return profile;
    }

    /**
     * Whether a line that does not say can be reduced: not when every role of the post has only lines the
     * role-profiles table marks as not reducible (the work is the job itself, as in intelligence roles).
     */
    private boolean reducibleByDefault(Set<String> roles) {
        return !roles.stream().allMatch(role -> {
            List<ProfileLine> typical = defaultProfile(role);
            return !typical.isEmpty() && typical.stream().allMatch(l -> Boolean.FALSE.equals(l.reducible()));
        });
    }

    private static Set<String> roles(AssessmentRequest request) {
        Set<String> roles = new TreeSet<>();
        if (request.role() != null) {
            roles.add(request.role());
        }
        if (request.roles() != null) {
            request.roles().stream().filter(Objects::nonNull).forEach(roles::add);
        }
        return roles;
    }

    private static VettingLevel level(MinimumVetting minimum) {
        return minimum == null ? null : minimum.level();
    }

    private static VettingLevel level(AssessedRequirement requirement) {
        return requirement == null ? null : requirement.level();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
