package uk.vda.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import uk.vda.decision.DecisionRequest;
import uk.vda.parts.AccessInput;
import uk.vda.parts.AlternativeInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;
import uk.vda.parts.VettingInput;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Organisation;
import uk.vda.policy.Owner;
import uk.vda.policy.VettingLevel;

/** Benchmark questions drawn with a fixed seed from the whole vocabulary: every engine sees the same ones. */
final class Inputs {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    private Inputs() {
    }

    static List<DecisionRequest> generate(int count, long seed) {
        Random r = new Random(seed);
        List<String> roles = new ArrayList<>(ReferencePolicy.NEED_TO_KNOW.keySet());
        roles.sort(null);
        List<String> categories = new ArrayList<>(ReferencePolicy.NEED_TO_KNOW.get("HEAD_OF_SPECIAL_BRANCH"));
        categories.sort(null);
        List<String> caveats = List.of("UK_EYES_ONLY", "UK_US_EYES_ONLY", "FIVE_EYES_ONLY");
        List<String> countries = List.of("GB", "GB", "GB", "US", "FR", "NZ");
        List<DecisionRequest> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<VettingInput> vetting = new ArrayList<>();
            for (int v = r.nextInt(3); v > 0; v--) {
                VettingLevel level = pick(r, VettingLevel.values());
                ClearanceStatus status = r.nextInt(4) == 0 ? pick(r, ClearanceStatus.values()) : ClearanceStatus.VERIFIED;
                LocalDate review = switch (r.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> AS_OF.minusDays(1 + r.nextInt(400));
                    default -> AS_OF.plusDays(1 + r.nextInt(2000));
                };
                LocalDate granted = review == null && r.nextBoolean() ? AS_OF.minusYears(r.nextInt(12)).minusDays(r.nextInt(300)) : null;
                vetting.add(new VettingInput(level, status, granted, review, null, null));
            }
            List<String> personRoles = new ArrayList<>(List.of(pick(r, roles)));
            if (r.nextInt(6) == 0) {
                personRoles.add(pick(r, roles));
            }
            List<String> nationalities = r.nextInt(20) == 0 ? List.of() : List.of(pick(r, countries));
            PersonInput person = new PersonInput("p" + i, personRoles, pick(r, Organisation.values()), nationalities, vetting);
            DocumentInput document = new DocumentInput("d" + i, pick(r, Marking.values()), null,
                    r.nextInt(30) == 0 ? null : pick(r, categories), r.nextInt(8) == 0 ? List.of(pick(r, caveats)) : List.of(),
                    List.of(), r.nextInt(15) == 0, r.nextInt(6) == 0 ? null : pick(r, Owner.values()), null, null);
            AccessInput access = new AccessInput(r.nextInt(10) == 0 ? null : pick(r, Frequency.values()),
                    r.nextInt(3) == 0 ? null : pick(r, AccessRoute.values()));
            out.add(new DecisionRequest(person, document, access, AS_OF));
        }
        return out;
    }

    /**
     * Questions that are all different (no two alike once the person's and document's identifiers are set aside,
     * which no rule and no cache reads), drawn from the whole vocabulary as {@link #generate} draws them, and
     * with lower-marked alternatives as real questions have them: one question in four carries one or two
     * (a sanitised extract, a partner version). Not thread-safe: one stream per thread; streams with different
     * seeds share {@code seen}, so they never repeat each other's questions either.
     */
    static final class Distinct {
        private final Random r;
        private final java.util.Set<Long> seen;
        private final List<String> roles = new ArrayList<>(ReferencePolicy.NEED_TO_KNOW.keySet());
        private final List<String> categories = new ArrayList<>(ReferencePolicy.NEED_TO_KNOW.get("HEAD_OF_SPECIAL_BRANCH"));
        private long drawn;
        private long repeats;

        Distinct(long seed, java.util.Set<Long> seen) {
            this.r = new Random(seed);
            this.seen = seen;
            roles.sort(null);
            categories.sort(null);
        }

        /** The next question no stream sharing {@code seen} has given. */
        DecisionRequest next() {
            while (true) {
                DecisionRequest q = draw();
                if (seen.add(fingerprint(q))) {
                    return q;
                }
                repeats++;
            }
        }

        /** How many questions were drawn again and skipped: for the report. */
        long repeats() {
            return repeats;
        }

        private DecisionRequest draw() {
            drawn++;
            List<VettingInput> vetting = new ArrayList<>();
            for (int v = r.nextInt(4); v > 0; v--) {
                VettingLevel level = pick(r, VettingLevel.values());
                ClearanceStatus status = r.nextInt(4) == 0 ? pick(r, ClearanceStatus.values()) : ClearanceStatus.VERIFIED;
                LocalDate review = switch (r.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> AS_OF.minusDays(1 + r.nextInt(400));
                    default -> AS_OF.plusDays(1 + r.nextInt(2000));
                };
                LocalDate granted = review == null && r.nextBoolean() ? AS_OF.minusYears(r.nextInt(12)).minusDays(r.nextInt(300)) : null;
                LocalDate lapsed = status == ClearanceStatus.LAPSED && r.nextBoolean() ? AS_OF.minusDays(r.nextInt(700)) : null;
                vetting.add(new VettingInput(level, status, granted, review, null, lapsed));
            }
            List<String> personRoles = new ArrayList<>(List.of(pick(r, roles)));
            if (r.nextInt(6) == 0) {
                personRoles.add(pick(r, roles));
            }
            List<String> nationalities = r.nextInt(20) == 0 ? List.of() : List.of(pick(r, COUNTRIES));
            PersonInput person = new PersonInput("p" + drawn, personRoles, pick(r, Organisation.values()), nationalities, vetting);
            Marking marking = pick(r, Marking.values());
            String category = r.nextInt(30) == 0 ? null : pick(r, categories);
            List<AlternativeInput> alternatives = new ArrayList<>();
            List<Marking> lower = lower(marking);
            for (int a = r.nextInt(4) == 0 && !lower.isEmpty() ? 1 + r.nextInt(2) : 0; a > 0; a--) {
                alternatives.add(new AlternativeInput("d" + drawn + "-v" + a, pick(r, lower), null,
                        r.nextBoolean() ? null : pick(r, categories), null, null, null));
            }
            DocumentInput document = new DocumentInput("d" + drawn, marking, null, category,
                    r.nextInt(8) == 0 ? List.of(pick(r, CAVEATS)) : List.of(), List.of(), r.nextInt(15) == 0,
                    r.nextInt(6) == 0 ? null : pick(r, Owner.values()), null, alternatives);
            AccessInput access = new AccessInput(r.nextInt(10) == 0 ? null : pick(r, Frequency.values()),
                    r.nextInt(3) == 0 ? null : pick(r, AccessRoute.values()));
            return new DecisionRequest(person, document, access, AS_OF);
        }

        /**
         * 64 bits of a question without its identifiers: equal questions always share one, so a question whose
         * fingerprint was seen is never given again (two different questions sharing one only skips the second).
         */
        private static long fingerprint(DecisionRequest q) {
            PersonInput p = q.person();
            DocumentInput d = q.document();
            List<Object> alternatives = new ArrayList<>();
            for (AlternativeInput a : d.alternatives()) {
                alternatives.add(List.of(a.marking(), String.valueOf(a.category())));
            }
            long h = 1125899906842597L;
            for (Object part : new Object[] {p.roles(), p.organisation(), p.nationalities(), p.vetting(), d.marking(),
                    d.category(), d.caveats(), d.codeword(), d.owner(), alternatives, q.access()}) {
                h = (h ^ java.util.Objects.hashCode(part)) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
            }
            return h;
        }
    }

    private static final List<String> COUNTRIES = List.of("GB", "GB", "GB", "US", "FR", "NZ");
    private static final List<String> CAVEATS = List.of("UK_EYES_ONLY", "UK_US_EYES_ONLY", "FIVE_EYES_ONLY");

    /** The markings below one in its scheme (for SECRET and TOP SECRET, in either): what an alternative can be. */
    private static List<Marking> lower(Marking marking) {
        List<Marking> out = new ArrayList<>();
        for (List<Marking> scheme : List.of(
                List.of(Marking.NOT_PROTECTIVELY_MARKED, Marking.PROTECT, Marking.RESTRICTED, Marking.CONFIDENTIAL,
                        Marking.SECRET, Marking.TOP_SECRET),
                List.of(Marking.OFFICIAL, Marking.OFFICIAL_SENSITIVE, Marking.SECRET, Marking.TOP_SECRET))) {
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
