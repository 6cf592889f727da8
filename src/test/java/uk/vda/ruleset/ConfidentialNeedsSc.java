package uk.vda.ruleset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.ApiClient;

/**
 * The policy change the tests make, as a policy officer would: the matrix says regular CONFIDENTIAL access needs
 * SC, and the five scenarios that change are updated to expect it.
 */
final class ConfidentialNeedsSc {
    static final String MATRIX = "vetting/minimum-vetting.csv";

    private ConfidentialNeedsSc() {}

    static String matrix(Path rules) throws IOException {
        return Files.readString(rules.resolve(MATRIX))
                .replace("CONFIDENTIAL,REGULAR,ANY,BPSS,", "CONFIDENTIAL,REGULAR,ANY,SC,");
    }

    /** The matrix change with its scenarios fixed: a set that passes its tests. */
    static Map<String, String> withScenarios(Path rules) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(MATRIX, matrix(rules));
        files.put(
                "markings/scenarios/bcu-commander_confidential-regular_performance-report.json",
                expect(
                        rules,
                        "markings/scenarios/bcu-commander_confidential-regular_performance-report.json",
                        Map.of(
                                "decision",
                                "DENY",
                                "requiredVetting",
                                "SC",
                                "recommendations",
                                1,
                                "reasons",
                                List.of("DenyInsufficientVetting", "MinimumVetting_CONFIDENTIAL_REGULAR_ANY"))));
        files.put(
                "markings/scenarios/bcu-prevent-lead_rv_confidential-regular_community-tension.json",
                expect(
                        rules,
                        "markings/scenarios/bcu-prevent-lead_rv_confidential-regular_community-tension.json",
                        Map.of(
                                "decision",
                                "DENY",
                                "requiredVetting",
                                "SC",
                                "recommendations",
                                1,
                                "reasons",
                                List.of("DenyInsufficientVetting", "MinimumVetting_CONFIDENTIAL_REGULAR_ANY"))));
        files.put(
                "access/scenarios/prison-lead_bpss_shared-copy_confidential-ctlp-partner.json",
                expect(
                        rules,
                        "access/scenarios/prison-lead_bpss_shared-copy_confidential-ctlp-partner.json",
                        Map.of(
                                "decision",
                                "DENY",
                                "requiredVetting",
                                "SC",
                                "recommendations",
                                1,
                                "reasons",
                                List.of("DenyInsufficientVetting", "MinimumVetting_CONFIDENTIAL_REGULAR_ANY"))));
        files.put(
                "vetting/scenarios/prison-lead_nppv2-full_confidential-ctlp-partner.json",
                expect(
                        rules,
                        "vetting/scenarios/prison-lead_nppv2-full_confidential-ctlp-partner.json",
                        Map.of(
                                "requiredVetting",
                                "SC",
                                "recommendations",
                                1,
                                "reasons",
                                List.of(
                                        "ForceVetting_CONFIDENTIAL_POLICE_SYSTEMS",
                                        "DenyWithoutForceVetting",
                                        "DenyInsufficientVetting"))));
        files.put(
                "assessment/scenarios/channel-panel-member_nppv2-full-request_police-confidential.json",
                expect(
                        rules,
                        "assessment/scenarios/channel-panel-member_nppv2-full-request_police-confidential.json",
                        Map.of("requiredVetting", "SC")));
        return files;
    }

    private static String expect(Path rules, String path, Map<String, Object> changes) throws IOException {
        ObjectNode scenario = (ObjectNode) ApiClient.JSON.readTree(Files.readString(rules.resolve(path)));
        ObjectNode expect = (ObjectNode) scenario.get("expect");
        changes.forEach((k, v) -> expect.set(k, ApiClient.JSON.valueToTree(v)));
        return scenario.toString();
    }
}
