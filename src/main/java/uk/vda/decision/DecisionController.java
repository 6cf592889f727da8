package uk.vda.decision;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import uk.vda.audit.AuditEntry;
import uk.vda.audit.AuditLog;

@RestController
@RequestMapping(path = "/api/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Decisions", description = "May this person see this document, and why?")
class DecisionController {
    private final DecisionService decisions;
    private final AuditLog audit;

    DecisionController(DecisionService decisions, AuditLog audit) {
        this.decisions = decisions;
        this.audit = audit;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Decide whether a person may see a document",
            description = "Runs the active rule set. Deny by default; any DENY reason beats every PERMIT; an evaluation "
                    + "error never permits. The answer names every rule that shaped it, the vetting actually needed, "
                    + "and lower-marked alternatives the person may see. Bad input is answered with 400 "
                    + "application/problem+json naming the field and, for fixed lists, the allowed values.")
    DecisionResponse decide(@Valid @RequestBody DecisionRequest request) {
        long started = System.nanoTime();
        DecisionResponse response = decisions.decide(request);
        // No answer leaves without its record: if this throws, the caller gets 503 instead.
        audit.record(new AuditEntry(response.decisionId(), "DECISION", "/api/v1/decisions", request.person().id(),
                request.document().id(), response.decision().name(), response.ruleSet().version(),
                (System.nanoTime() - started) / 1000, request, response));
        return response;
    }
}
