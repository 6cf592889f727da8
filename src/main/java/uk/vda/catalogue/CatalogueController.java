package uk.vda.catalogue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSet;
import uk.vda.engine.Tables;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.MarkingSchemes;
import uk.vda.policy.Organisation;
import uk.vda.policy.Owner;
import uk.vda.policy.Scheme;
import uk.vda.policy.VettingLevel;

@RestController
@RequestMapping(path = "/api/v1/catalogue", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Catalogue", description = "Every value the API accepts, with a description, for building forms.")
class CatalogueController {
    private final Vocabulary vocabulary;
    private final PolicyEngine engine;

    CatalogueController(Vocabulary vocabulary, PolicyEngine engine) {
        this.vocabulary = vocabulary;
        this.engine = engine;
    }

    @Schema(description = "One allowed value.")
    record Entry(
            @Schema(description = "The value to send.") String value,
            @Schema(description = "What it means.") String description) {}

    @Schema(description = "A marking, its scheme(s) and how the active rules treat it.")
    record MarkingEntry(
            @Schema(description = "The value to send.") String value,

            @Schema(description = "The schemes it belongs to.")
            List<Scheme> schemes,

            @Schema(description = "What it means.") String description,

            @Schema(description = "Scheme → the current marking it is treated as.")
            Map<String, String> treatedAs) {}

    @Schema(description = "A vetting level and what the active rules count it as.")
    record LevelEntry(
            @Schema(description = "The value to send.") String value,
            @Schema(description = "What it is.") String description,

            @Schema(description = "The national level it counts as for information.")
            String countsAs,

            @Schema(description = "The police force vetting level it counts as.")
            String policeEquivalent,

            @Schema(description = "Years valid from grant when no review date is given; 0: no fixed expiry.")
            String validityYears) {}

    @Schema(description = "Every value the API accepts.")
    record Catalogue(
            @Schema(description = "Rule-set version the rule-defined values come from.")
            String ruleSetVersion,

            @Schema(description = "Marking schemes.") List<Entry> schemes,

            @Schema(description = "Protective markings of both schemes.")
            List<MarkingEntry> markings,

            @Schema(description = "Vetting levels, national and police.")
            List<LevelEntry> vettingLevels,

            @Schema(description = "Clearance statuses.") List<Entry> vettingStatuses,
            @Schema(description = "Organisation kinds.") List<Entry> organisations,
            @Schema(description = "Document owners.") List<Entry> owners,
            @Schema(description = "Access frequencies.") List<Entry> frequencies,

            @Schema(description = "Roles (from the need-to-know table).")
            List<Entry> roles,

            @Schema(description = "Document categories.") List<Entry> categories,
            @Schema(description = "National caveats.") List<Entry> caveats,

            @Schema(
                    description =
                            "Code → the label answers name it by (rules/catalogue/labels.csv, role and category tables), for showing codes as answers word them.")
            Map<String, String> labels,

            @Schema(description = "Access routes (access.via, profile-line via).")
            List<Entry> accessRoutes) {}

    // public: no key (SecurityConfiguration)
    @SecurityRequirements
    @GetMapping
    @Operation(
            summary = "List every allowed value with its description",
            description =
                    "The values are the fact model's; what each means, and roles, categories, caveats, schemes and "
                            + "treatments, come from the active rule set (rules/catalogue/labels.csv and the tables).")
    Catalogue catalogue() {
        RuleSet ruleSet = engine.ruleSet();
        Wording wording = vocabulary.wording(ruleSet);
        MarkingSchemes schemes = Vocabulary.schemes(ruleSet);
        List<Map<String, String>> treatments = ruleSet.rows(Tables.MARKINGS);
        List<MarkingEntry> markings = Arrays.stream(Marking.values())
                .map(m -> new MarkingEntry(
                        m.name(),
                        schemes.schemesOf(m),
                        wording.description(m),
                        treatments.stream()
                                .filter(r -> r.get("marking").equals(m.name()))
                                .collect(Collectors.toMap(
                                        r -> r.get("scheme"), r -> r.get("treatedAs"), (a, b) -> a, TreeMap::new))))
                .toList();
        List<Map<String, String>> levelRows = ruleSet.rows(Tables.VETTING_LEVELS);
        List<LevelEntry> levels = Arrays.stream(VettingLevel.values())
                .map(l -> {
                    Map<String, String> row = levelRows.stream()
                            .filter(r -> r.get("level").equals(l.name()))
                            .findFirst()
                            .orElse(Map.of());
                    return new LevelEntry(
                            l.name(),
                            wording.description(l),
                            row.get("countsAs"),
                            row.get("policeEquivalent"),
                            row.get("validityYears"));
                })
                .toList();
        return new Catalogue(
                ruleSet.version(),
                entries(Scheme.values(), wording),
                markings,
                levels,
                entries(ClearanceStatus.values(), wording),
                entries(Organisation.values(), wording),
                entries(Owner.values(), wording),
                entries(Frequency.values(), wording),
                entries(vocabulary.roles()),
                entries(vocabulary.categories()),
                entries(vocabulary.caveats()),
                new TreeMap<>(wording.labels()),
                entries(AccessRoute.values(), wording));
    }

    private static List<Entry> entries(Enum<?>[] values, Wording wording) {
        return Arrays.stream(values)
                .map(v -> new Entry(v.name(), wording.description(v)))
                .toList();
    }

    private static List<Entry> entries(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> new Entry(e.getKey(), e.getValue()))
                .toList();
    }
}
