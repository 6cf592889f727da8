package uk.vda.decision;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping(path = "/api/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Decisions", description = "May this person see this document, and why?")
class DecisionController {
    private final DecisionService decisions;

    DecisionController(DecisionService decisions) {
        this.decisions = decisions;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Decide whether a person may see a document",
            description = "Runs the active rule set. Deny by default; any DENY reason beats every PERMIT; an evaluation "
                    + "error never permits. The answer names every rule that shaped it, the vetting actually needed, "
                    + "and lower-marked alternatives the person may see. Bad input is answered with 400 "
                    + "application/problem+json naming the field and, for fixed lists, the allowed values.")
    DecisionResponse decide(@Valid @RequestBody DecisionRequest request) {
        return decisions.decide(request);
    }
}
