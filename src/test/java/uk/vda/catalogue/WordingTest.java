package uk.vda.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSet;
import uk.vda.ruleset.TableChecks;

/** How the shipped rules word an answer: labels for codes, acronyms spelt out once, the summary sentence. */
class WordingTest {
    private static PolicyEngine engine;
    private static Wording wording;

    @BeforeAll
    static void readTheShippedRules() {
        engine = PolicyEngine.over(Path.of("rules"));
        wording = Wording.of(engine.ruleSet());
    }

    @Test
    void shouldNameCodesByTheirLabelsAndSpellOutEachAcronymOnceAnAnswer() {
        Wording.Answer answer = wording.answer();

        assertThat(
                        answer.say(
                                "As Local authority chief executive (LA_CHIEF_EXECUTIVE) the person has a need to know for CTLP_PARTNER documents."))
                .isEqualTo(
                        "As Local authority chief executive the person has a need to know for partner CTLP (Counter Terrorism Local Profile) documents.");
        assertThat(answer.say(
                        "NPPV2_ABBREVIATED counts as BPSS; SC is not NPPV3; the CTLP_FULL is NOT_PROTECTIVELY_MARKED."))
                .isEqualTo(
                        "NPPV2 (non-police personnel vetting level 2, abbreviated) counts as BPSS (Baseline Personnel Security "
                                + "Standard, the employer's pre-employment check); SC (Security Check) is not NPPV3 (non-police personnel "
                                + "vetting level 3); the full CTLP is NOT PROTECTIVELY MARKED.");
        assertThat(answer.say("SC again, and UK_EYES_ONLY for a VERIFIED clearance held REGULAR."))
                .isEqualTo("SC again, and UK EYES ONLY for a verified clearance held regular.");
    }

    @Test
    void shouldSpellOutAnAcronymAlreadyInBracketsWithoutBracketsInBrackets() {
        assertThat(wording.answer().say("SECRET (GPMS) means the same; the vetting that counts (SC) meets it."))
                .isEqualTo(
                        "SECRET (GPMS: Government Protective Marking Scheme) means the same; the vetting that counts "
                                + "(SC: Security Check) meets it.");
    }

    @Test
    void shouldNotSpellOutAnAcronymTheRuleAlreadySpeltOut() {
        assertThat(wording.answer().say("CTC (Counter Terrorist Check) counts only as BPSS."))
                .startsWith("CTC (Counter Terrorist Check) counts only as BPSS (Baseline");
    }

    @Test
    void shouldLeaveWordsThatAreNotCodesAlone() {
        assertThat(wording.answer()
                        .say("A RESTRICTED version (ctlp-anytown-2026-partner) exists; UK law; DOC_7 and X."))
                .isEqualTo("A RESTRICTED version (ctlp-anytown-2026-partner) exists; UK law; DOC_7 and X.");
        assertThat(wording.codesIn("needs SC and NPPV2_ABBREVIATED for CTLP_FULL"))
                .containsExactly("CTLP_FULL", "NPPV2_ABBREVIATED");
    }

    @Test
    void shouldPutTheDecisionTheDecidingReasonAndTheNextStepInOneSentence() {
        assertThat(wording.summary(
                        "DECISION",
                        "DENY",
                        "None of the roles gives a need to know. Vetting is not the issue.",
                        "Offer the partner version instead."))
                .isEqualTo("No — none of the roles gives a need to know; offer the partner version instead.");
        assertThat(wording.summary("DECISION", "PERMIT", "The vetting that counts meets the need.", null))
                .isEqualTo(
                        "Yes — the vetting that counts meets the need; share it no further than its marking allows.");
        assertThat(wording.summary("ASSESSMENT", "NECESSARY", "SC was requested and is needed.", null))
                .isEqualTo("Yes — SC was requested and is needed.");
        assertThat(wording.summary("ASSESSMENT", "SOMETHING_NEW", "No rule says.", null))
                .isEqualTo("No verdict — no rule says; ask policy staff.");
    }

    @Test
    void shouldRankTheRefusalNoVettingCanChangeFirst() {
        assertThat(wording.rank("NationalCaveat_UK_EYES_ONLY")).isLessThan(wording.rank("DenyWithoutNeedToKnow"));
        assertThat(wording.rank("DenyWithoutNeedToKnow")).isLessThan(wording.rank("DenyInsufficientVetting"));
        assertThat(wording.rank("SomeNewDeny")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void shouldReportAVettingLevelWithoutALabelAsATableError() {
        RuleSet shipped = engine.ruleSet();
        Map<String, String> files = new HashMap<>(shipped.contents());
        files.put(
                "catalogue/labels.csv",
                files.get("catalogue/labels.csv").replaceAll("(?m)^VETTING_LEVEL,NPPV3,.*\n", ""));
        RuleSet without = engine.candidate("rules", files).ruleSet();

        assertThat(TableChecks.check(without))
                .extracting(Object::toString)
                .contains(
                        "ERROR catalogue/labels.csv (column code): gap: VETTING_LEVEL NPPV3 has no label, so answers would show the code");
        assertThat(TableChecks.check(shipped))
                .filteredOn(f -> f.file().startsWith("catalogue/") || f.file().startsWith("answers/"))
                .allSatisfy(f -> assertThat(f.severity()).as(f.toString()).isEqualTo("WARNING"))
                .noneMatch(f -> f.file().equals("answers/deciding-reasons.csv"));
    }
}
