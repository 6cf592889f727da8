package uk.vda.ruleset;

import java.time.Instant;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleInfo;
import uk.vda.engine.RuleSet;

@RestController
@RequestMapping(path = "/api/v1/rule-sets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Rule sets", description = "The policy in force and its history (scope rules:read).")
class RuleSetController {
    private final PolicyEngine engine;
    private final RuleSetHistory history;

    RuleSetController(PolicyEngine engine, RuleSetHistory history) {
        this.engine = engine;
        this.history = history;
    }

    @Schema(description = "The rule set answering now.")
    record Active(@Schema(description = "Content hash of every file under rules/.") String version,
                  @Schema(description = "When it was compiled.") Instant compiledAt,
                  @Schema(description = "The folder it was compiled from.") String directory,
                  @Schema(description = "Its files.") List<String> files,
                  @Schema(description = "How many rules, table rows included.") int ruleCount,
                  @Schema(description = "Every rule, with its file, description and source.") List<RuleInfo> rules,
                  @Schema(description = "The latest activations, newest first.") List<RuleSetHistory.Event> history) {
    }

    @GetMapping("/active")
    @Operation(summary = "The rule set in force: version, files, rules, and when and by whom it was activated")
    Active active() {
        RuleSet ruleSet = engine.ruleSet();
        return new Active(ruleSet.version(), ruleSet.compiledAt(), ruleSet.directory(), ruleSet.files(),
                ruleSet.ruleCount(), ruleSet.rules(), history.history(20));
    }
}
