package uk.vda.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import uk.vda.decision.DecisionRequest;
import uk.vda.parts.AccessInput;
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

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
