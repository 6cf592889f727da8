package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleInfo;

/**
 * The product says where its default policy comes from in its own words (docs/policy-basis.md): every rule cites
 * that page or a public source, never a document users cannot read, and every section it cites exists.
 */
class PolicyBasisTest {
    private static final Path RULES = Path.of("rules");
    private static final Path BASIS = Path.of("docs/policy-basis.md");
    private static final Pattern CITATION = Pattern.compile("docs/policy-basis\\.md#([a-z0-9-]+)");

    @Test
    void shouldCiteNoTeamNoteInAnyRuleFile() {
        Map<String, String> files = PolicyEngine.read(RULES);

        assertThat(files.entrySet())
                .filteredOn(e -> e.getValue().contains("REFERENCE"))
                .extracting(Map.Entry::getKey)
                .as("rule files that cite REFERENCE")
                .isEmpty();
    }

    @Test
    void shouldGiveEveryRuleASourceThatCitesThePolicyBasisOrAPublicSource() {
        List<RuleInfo> rules = PolicyEngine.over(RULES).ruleSet().rules();

        assertThat(rules)
                .filteredOn(r -> r.source() == null
                        || r.source().isBlank()
                        || !(r.source().contains("docs/policy-basis.md#")
                                || r.source().contains("HMIC")
                                || r.source().contains("Cabinet Office")
                                || r.source().contains("College of Policing")
                                || r.source().contains("gov.uk")))
                .extracting(RuleInfo::name)
                .as("rules without a source anyone can follow")
                .isEmpty();
    }

    @Test
    void shouldCiteOnlySectionsThePolicyBasisHas() throws IOException {
        Set<String> anchors = Files.readAllLines(BASIS).stream()
                .filter(l -> l.startsWith("## "))
                .map(l -> l.substring(3)
                        .trim()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> cited = new ArrayList<>();
        PolicyEngine.read(RULES).values().forEach(content -> {
            Matcher m = CITATION.matcher(content);
            while (m.find()) {
                cited.add(m.group(1));
            }
        });

        assertThat(anchors)
                .contains(
                        "markings",
                        "vetting-levels",
                        "clearances",
                        "minimum-vetting",
                        "force-vetting",
                        "need-to-know",
                        "role-profiles",
                        "assessments",
                        "costs",
                        "caveats",
                        "handling",
                        "answers");
        assertThat(cited)
                .isNotEmpty()
                .allSatisfy(anchor -> assertThat(anchors)
                        .as("sections of docs/policy-basis.md")
                        .contains(anchor));
    }

    @Test
    void shouldKeepThePolicyBasisShortEnoughToRead() throws IOException {
        assertThat(Files.size(BASIS)).as("docs/policy-basis.md, bytes").isLessThan(12_500);
    }
}
