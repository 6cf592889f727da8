package uk.vda.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.catalogue.Vocabulary;
import uk.vda.decision.DecisionRequest;
import uk.vda.decision.DecisionService;
import uk.vda.parts.AccessInput;
import uk.vda.parts.AlternativeInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;
import uk.vda.parts.VettingInput;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Document;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.MarkingSchemes;
import uk.vda.policy.Organisation;
import uk.vda.policy.Owner;
import uk.vda.policy.Reason;
import uk.vda.policy.VettingLevel;
import uk.vda.vetting.AssessmentService;

/**
 * The shipped rules twice over, for the tests of kept sessions: one engine keeps its sessions between questions
 * (as the service does), the other answers each question on a new session (as the service did before
 * docs/decisions/0017). Compiled once per test JVM.
 */
final class KeptSessions {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KeptSessions shipped;

    final PolicyEngine kept;
    final PolicyEngine fresh;
    final DecisionService decisions;
    final DecisionService freshDecisions;
    final AssessmentService assessments;
    final AssessmentService freshAssessments;
    private final List<String> roles;
    private final List<String> categories;
    private final List<String> caveats;
    private final MarkingSchemes schemes;

    private KeptSessions() {
        kept = PolicyEngine.over(Path.of("rules"));
        fresh = kept.withNewSessions();
        Vocabulary vocabulary = new Vocabulary(kept);
        decisions = new DecisionService(kept, vocabulary, CLOCK);
        freshDecisions = new DecisionService(fresh, vocabulary, CLOCK);
        assessments = new AssessmentService(kept, vocabulary, CLOCK);
        freshAssessments = new AssessmentService(fresh, vocabulary, CLOCK);
        roles = List.copyOf(new TreeSet<>(vocabulary.roles().keySet()));
        categories = List.copyOf(new TreeSet<>(vocabulary.categories().keySet()));
        caveats = List.copyOf(new TreeSet<>(vocabulary.caveats().keySet()));
        schemes = vocabulary.schemes();
    }

    /** A rule set of the given rules alone (in package t, with the fact types and Explain imported). */
    static PolicyEngine tiny(String rules) {
        return shipped().kept.candidate("test", Map.of("t/tiny.drl", """
                package t;
                import uk.vda.policy.*;
                import uk.vda.engine.Explain;
                """ + rules));
    }

    /**
     * A rule set whose one rule notes a document's number with a plain {@code insert}: the note outlives the
     * document, so a session it ran on never comes back to rest.
     */
    static PolicyEngine notesForGood() {
        return tiny("""
                rule "NoteNumberForGood"
                    @description("Notes a document's number, for good.")
                    @source("test")
                when
                    $d: Document()
                then
                    insert(Explain.note(kcontext, "number " + $d.id()));
                end
                """);
    }

    /** An OFFICIAL document with nothing else said of it. */
    static Document document(String id) {
        return new Document(id, Marking.OFFICIAL, null, null, Set.of(), Set.of(), false, null, null);
    }

    /** The messages of a result's reasons, sorted. */
    static List<String> notes(EngineResult result) {
        return result.all(Reason.class).stream().map(Reason::message).sorted().toList();
    }

    static synchronized KeptSessions shipped() {
        if (shipped == null) {
            shipped = new KeptSessions();
        }
        return shipped;
    }

    /**
     * An answer as JSON without its own id, which every answer has anew; a traced answer (with the rules that
     * fired) as its answer so and those rules.
     */
    static JsonNode withoutId(Object answer) {
        ObjectNode json = (ObjectNode) JSON.valueToTree(answer);
        json.remove("decisionId");
        json.remove("assessmentId");
        if (json.get("response") instanceof ObjectNode response) {
            response.remove("decisionId");
            response.remove("assessmentId");
        }
        return json;
    }

    /**
     * A valid question drawn from the whole vocabulary: one or two roles, up to three clearance lines of any
     * status with dates before and after the question's date, any marking with or without its scheme, caveats,
     * codeword, owner and access, and in about one question in three up to two lower-marked alternatives.
     */
    DecisionRequest question(Random r) {
        List<VettingInput> vetting = new ArrayList<>();
        for (int v = r.nextInt(4); v > 0; v--) {
            vetting.add(new VettingInput(
                    pick(r, VettingLevel.values()),
                    r.nextInt(3) == 0 ? pick(r, ClearanceStatus.values()) : ClearanceStatus.VERIFIED,
                    r.nextInt(3) == 0 ? null : AS_OF.minusDays(r.nextInt(5000) - 200),
                    r.nextInt(3) == 0 ? null : AS_OF.plusDays(r.nextInt(2400) - 400),
                    r.nextBoolean() ? null : "Sponsor " + r.nextInt(3),
                    r.nextInt(4) == 0 ? AS_OF.minusDays(r.nextInt(800) - 30) : null));
        }
        List<String> personRoles = new ArrayList<>(List.of(pick(r, roles)));
        if (r.nextInt(5) == 0) {
            personRoles.add(pick(r, roles));
        }
        List<String> nationalities = switch (r.nextInt(8)) {
            case 0 -> List.of();
            case 1 -> List.of("GB", pick(r, List.of("US", "FR", "NZ", "IE")));
            default -> List.of(pick(r, List.of("GB", "GB", "GB", "US", "FR", "NZ", "CA")));
        };
        PersonInput person = new PersonInput("p", personRoles, pick(r, Organisation.values()), nationalities, vetting);
        Marking marking = pick(r, Marking.values());
        List<AlternativeInput> alternatives = new ArrayList<>();
        List<Marking> lower = lower(marking);
        for (int a = r.nextInt(3) == 0 && !lower.isEmpty() ? 1 + r.nextInt(2) : 0; a > 0; a--) {
            alternatives.add(new AlternativeInput(
                    "alt-" + a,
                    pick(r, lower),
                    null,
                    r.nextBoolean() ? null : pick(r, categories),
                    r.nextInt(3) == 0 ? List.of() : null,
                    null,
                    null));
        }
        DocumentInput document = new DocumentInput(
                "d",
                marking,
                r.nextInt(4) == 0 ? pick(r, schemes.schemesOf(marking)) : null,
                r.nextInt(12) == 0 ? null : pick(r, categories),
                r.nextInt(5) == 0 ? List.of(pick(r, caveats)) : List.of(),
                r.nextInt(10) == 0 ? List.of("PERSONAL") : List.of(),
                r.nextInt(8) == 0 ? Boolean.TRUE : null,
                r.nextInt(4) == 0 ? null : pick(r, Owner.values()),
                r.nextInt(3) == 0 ? null : AS_OF.minusDays(r.nextInt(8000)),
                alternatives);
        AccessInput access = r.nextInt(8) == 0
                ? null
                : new AccessInput(
                        r.nextInt(6) == 0 ? null : pick(r, Frequency.values()),
                        r.nextInt(3) == 0 ? null : pick(r, AccessRoute.values()));
        return new DecisionRequest(
                person, document, access, r.nextInt(10) == 0 ? AS_OF.plusDays(r.nextInt(400)) : AS_OF);
    }

    /** The markings below one, in its scheme (for SECRET and TOP SECRET, in either). */
    private static List<Marking> lower(Marking marking) {
        List<Marking> gpms = List.of(
                Marking.NOT_PROTECTIVELY_MARKED,
                Marking.PROTECT,
                Marking.RESTRICTED,
                Marking.CONFIDENTIAL,
                Marking.SECRET,
                Marking.TOP_SECRET);
        List<Marking> gsc = List.of(Marking.OFFICIAL, Marking.OFFICIAL_SENSITIVE, Marking.SECRET, Marking.TOP_SECRET);
        List<Marking> out = new ArrayList<>();
        for (List<Marking> scheme : List.of(gpms, gsc)) {
            int at = scheme.indexOf(marking);
            if (at > 0) {
                out.addAll(scheme.subList(0, at));
            }
        }
        return out;
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
