package uk.vda.bench;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import uk.vda.decision.DecisionRequest;
import uk.vda.parts.VettingInput;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Effect;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Organisation;
import uk.vda.policy.Owner;
import uk.vda.policy.VettingLevel;

/**
 * The default policy of rules/ written by hand in plain Java: the physical floor the engine is measured against.
 * It lives only in the benchmark and is checked to agree with the rules on every benchmark input before timing.
 * It gives the decision and the vetting needed, without explanations.
 */
final class ReferencePolicy {
    record Answer(Effect decision, VettingLevel requiredVetting) {
    }

    private record Terms(VettingLevel countsAs, VettingLevel police, int validityYears) {
    }

    /** CTC, SC and DV: a suspension of one suspends the others (adverse information under review). */
    private static final Set<VettingLevel> NATIONAL_CLEARANCES = EnumSet.of(VettingLevel.CTC, VettingLevel.SC, VettingLevel.DV);
    /** Months past its review date a clearance in renewal still counts. */
    private static final int RENEWAL_GRACE_MONTHS = 6;

    private static final Map<VettingLevel, Terms> TERMS = Map.ofEntries(
            Map.entry(VettingLevel.NONE, new Terms(VettingLevel.NONE, VettingLevel.NONE, 0)),
            Map.entry(VettingLevel.BPSS, new Terms(VettingLevel.BPSS, VettingLevel.NONE, 0)),
            Map.entry(VettingLevel.CTC, new Terms(VettingLevel.BPSS, VettingLevel.NONE, 10)),
            Map.entry(VettingLevel.SC, new Terms(VettingLevel.SC, VettingLevel.NONE, 10)),
            Map.entry(VettingLevel.DV, new Terms(VettingLevel.DV, VettingLevel.NONE, 7)),
            Map.entry(VettingLevel.RV, new Terms(VettingLevel.BPSS, VettingLevel.NPPV2_FULL, 10)),
            Map.entry(VettingLevel.MV, new Terms(VettingLevel.BPSS, VettingLevel.NPPV3, 10)),
            Map.entry(VettingLevel.NPPV1, new Terms(VettingLevel.NONE, VettingLevel.NPPV1, 3)),
            Map.entry(VettingLevel.NPPV2_ABBREVIATED, new Terms(VettingLevel.NONE, VettingLevel.NPPV2_ABBREVIATED, 3)),
            Map.entry(VettingLevel.NPPV2_FULL, new Terms(VettingLevel.BPSS, VettingLevel.NPPV2_FULL, 3)),
            Map.entry(VettingLevel.NPPV3, new Terms(VettingLevel.BPSS, VettingLevel.NPPV3, 5)));

    private static final Set<Marking> UP_TO_OFFICIAL_SENSITIVE = EnumSet.of(Marking.NOT_PROTECTIVELY_MARKED,
            Marking.UNCLASSIFIED, Marking.PROTECT, Marking.RESTRICTED, Marking.OFFICIAL, Marking.OFFICIAL_SENSITIVE);

    private static final List<String> ALL = List.of("CTLP_FULL", "CTLP_PARTNER", "STRATEGIC_ASSESSMENT", "CONTROL_STRATEGY",
            "NEIGHBOURHOOD_PROFILE", "RICH_PICTURE_REPORT", "INTELLIGENCE_REPORT", "THREAT_BRIEFING", "CHANNEL_REFERRAL",
            "COMMUNITY_TENSION_ASSESSMENT", "PERFORMANCE_REPORT");
    static final Map<String, Set<String>> NEED_TO_KNOW = Map.ofEntries(
            Map.entry("HEAD_OF_SPECIAL_BRANCH", Set.copyOf(ALL)),
            Map.entry("ACPO_PREVENT_LEAD", Set.copyOf(ALL.stream().filter(c -> !c.equals("CHANNEL_REFERRAL")).toList())),
            Map.entry("INTELLIGENCE_ANALYST", Set.of("CTLP_FULL", "CTLP_PARTNER", "STRATEGIC_ASSESSMENT", "RICH_PICTURE_REPORT",
                    "INTELLIGENCE_REPORT", "NEIGHBOURHOOD_PROFILE", "THREAT_BRIEFING", "COMMUNITY_TENSION_ASSESSMENT")),
            Map.entry("CTIO", Set.of("CTLP_FULL", "CTLP_PARTNER", "RICH_PICTURE_REPORT", "INTELLIGENCE_REPORT",
                    "NEIGHBOURHOOD_PROFILE", "THREAT_BRIEFING", "COMMUNITY_TENSION_ASSESSMENT")),
            Map.entry("FORCE_PREVENT_MANAGER", Set.of("CTLP_FULL", "CTLP_PARTNER", "STRATEGIC_ASSESSMENT", "CONTROL_STRATEGY",
                    "NEIGHBOURHOOD_PROFILE", "THREAT_BRIEFING", "COMMUNITY_TENSION_ASSESSMENT", "PERFORMANCE_REPORT")),
            Map.entry("BCU_COMMANDER", Set.of("CTLP_FULL", "CTLP_PARTNER", "STRATEGIC_ASSESSMENT", "CONTROL_STRATEGY",
                    "NEIGHBOURHOOD_PROFILE", "RICH_PICTURE_REPORT", "THREAT_BRIEFING", "COMMUNITY_TENSION_ASSESSMENT", "PERFORMANCE_REPORT")),
            Map.entry("BCU_PREVENT_LEAD", Set.of("CTLP_FULL", "CTLP_PARTNER", "NEIGHBOURHOOD_PROFILE", "THREAT_BRIEFING",
                    "COMMUNITY_TENSION_ASSESSMENT", "CHANNEL_REFERRAL")),
            Map.entry("NEPO", Set.of("CTLP_PARTNER", "NEIGHBOURHOOD_PROFILE", "THREAT_BRIEFING", "COMMUNITY_TENSION_ASSESSMENT")),
            Map.entry("POLICE_AUTHORITY_MEMBER", Set.of("CTLP_PARTNER", "STRATEGIC_ASSESSMENT", "THREAT_BRIEFING", "PERFORMANCE_REPORT")),
            Map.entry("LA_CHIEF_EXECUTIVE", Set.of("CTLP_PARTNER", "THREAT_BRIEFING", "COMMUNITY_TENSION_ASSESSMENT", "PERFORMANCE_REPORT")),
            Map.entry("LA_PREVENT_COORDINATOR", Set.of("CTLP_PARTNER", "THREAT_BRIEFING", "COMMUNITY_TENSION_ASSESSMENT", "CHANNEL_REFERRAL")),
            Map.entry("CHANNEL_PANEL_MEMBER", Set.of("CHANNEL_REFERRAL", "THREAT_BRIEFING")),
            Map.entry("EDUCATION_PREVENT_LEAD", Set.of("CTLP_PARTNER", "THREAT_BRIEFING", "CHANNEL_REFERRAL")),
            Map.entry("PRISON_PREVENT_LEAD", Set.of("CTLP_PARTNER", "THREAT_BRIEFING", "CHANNEL_REFERRAL")),
            Map.entry("HEALTH_PREVENT_LEAD", Set.of("CTLP_PARTNER", "THREAT_BRIEFING", "CHANNEL_REFERRAL")),
            Map.entry("IAG_MEMBER", Set.of("THREAT_BRIEFING", "COMMUNITY_TENSION_ASSESSMENT")),
            Map.entry("KIN_MEMBER", Set.of("THREAT_BRIEFING", "COMMUNITY_TENSION_ASSESSMENT")));
    static final Map<String, Set<String>> CAVEATS = Map.of("UK_EYES_ONLY", Set.of("GB"), "UK_US_EYES_ONLY", Set.of("GB", "US"),
            "FIVE_EYES_ONLY", Set.of("GB", "US", "CA", "AU", "NZ"));

    Answer decide(DecisionRequest request) {
        LocalDate asOf = request.asOf();
        var person = request.person();
        var document = request.document();
        Frequency frequency = request.access() == null || request.access().frequency() == null ? Frequency.REGULAR
                : request.access().frequency();
        boolean codeword = Boolean.TRUE.equals(document.codeword());
        VettingLevel required = required(document.marking(), frequency, codeword);
        boolean policeSystems = request.access() != null && request.access().via() == AccessRoute.POLICE_SYSTEMS;

        List<VettingInput> held = person.vetting() == null ? List.of() : person.vetting();
        boolean nationalSuspended = held.stream()
                .anyMatch(v -> v.status() == ClearanceStatus.SUSPENDED && NATIONAL_CLEARANCES.contains(v.level()));
        int national = 0;
        int police = 0;
        for (VettingInput v : held) {
            Terms terms = TERMS.get(v.level());
            if (!counts(v, terms, asOf) || (nationalSuspended && NATIONAL_CLEARANCES.contains(v.level()))) {
                continue;
            }
            VettingLevel countsAs = terms.countsAs();
            if (v.level() == VettingLevel.NPPV2_ABBREVIATED && document.owner() == Owner.POLICE
                    && UP_TO_OFFICIAL_SENSITIVE.contains(document.marking())) {
                countsAs = VettingLevel.BPSS;
            }
            national = Math.max(national, rank(countsAs));
            police = Math.max(police, rank(terms.police()));
        }
        boolean deny = national < rank(required);
        if (person.organisation() != Organisation.POLICE && (document.owner() == null || document.owner() == Owner.POLICE)
                && policeSystems && document.marking() != Marking.NOT_PROTECTIVELY_MARKED
                && document.marking() != Marking.UNCLASSIFIED) {
            VettingLevel force = UP_TO_OFFICIAL_SENSITIVE.contains(document.marking()) ? VettingLevel.NPPV2_ABBREVIATED : VettingLevel.NPPV3;
            deny |= police < rank(force);
        }
        if (document.category() == null) {
            deny = true;
        } else {
            boolean needToKnow = false;
            for (String role : person.roles() == null ? List.<String>of() : person.roles()) {
                needToKnow |= NEED_TO_KNOW.getOrDefault(role, Set.of()).contains(document.category());
            }
            deny |= !needToKnow;
        }
        List<String> nationalities = person.nationalities() == null ? List.of() : person.nationalities();
        for (String caveat : document.caveats() == null ? List.<String>of() : document.caveats()) {
            deny |= nationalities.isEmpty() || nationalities.stream().noneMatch(CAVEATS.get(caveat)::contains);
        }
        return new Answer(deny ? Effect.DENY : Effect.PERMIT, required);
    }

    private static boolean counts(VettingInput v, Terms terms, LocalDate asOf) {
        if (v.grantedOn() != null && v.grantedOn().isAfter(asOf)) {
            return false;
        }
        if (v.status() == ClearanceStatus.IN_RENEWAL) {
            return v.reviewDue() != null && !v.reviewDue().plusMonths(RENEWAL_GRACE_MONTHS).isBefore(asOf);
        }
        if (v.status() != ClearanceStatus.VERIFIED) {
            return false;
        }
        if (v.reviewDue() != null) {
            return !v.reviewDue().isBefore(asOf);
        }
        if (terms.validityYears() == 0) {
            return true;
        }
        return v.grantedOn() != null && !v.grantedOn().plusYears(terms.validityYears()).isBefore(asOf);
    }

    private static VettingLevel required(Marking marking, Frequency frequency, boolean codeword) {
        if (codeword && marking == Marking.TOP_SECRET) {
            return VettingLevel.DV;
        }
        boolean regular = frequency == Frequency.REGULAR;
        return switch (marking) {
            case NOT_PROTECTIVELY_MARKED, UNCLASSIFIED -> VettingLevel.NONE;
            case PROTECT, OFFICIAL, RESTRICTED, OFFICIAL_SENSITIVE -> regular ? VettingLevel.BPSS : VettingLevel.NONE;
            case CONFIDENTIAL -> VettingLevel.BPSS;
            case SECRET -> regular ? VettingLevel.SC : VettingLevel.BPSS;
            case TOP_SECRET -> regular ? VettingLevel.DV : VettingLevel.SC;
        };
    }

    /**
     * The rank of a level on its ladder, written out here as the reference writes out the rest of the policy
     * (the service reads it from rules/vetting/vetting-levels.csv).
     */
    private static int rank(VettingLevel level) {
        return switch (level) {
            case NONE -> 0;
            case BPSS, CTC, RV, NPPV1 -> 1;
            case SC, NPPV2_ABBREVIATED -> 2;
            case DV, MV, NPPV2_FULL -> 3;
            case NPPV3 -> 4;
        };
    }
}
