package uk.vda.decision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.audit.AnswerBody;
import uk.vda.audit.AuditEntry;
import uk.vda.audit.AuditLog;
import uk.vda.system.AdvisorMetrics;
import uk.vda.system.Ids;
import uk.vda.system.InvalidFieldException;

@RestController
@RequestMapping(path = "/api/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Decisions", description = "May this person see this document, and why?")
@SecurityRequirement(name = "apiKey", scopes = "decide")
class DecisionController {
    private final DecisionService decisions;
    private final BatchService batches;
    private final AuditLog audit;
    private final AdvisorMetrics metrics;
    private final JsonMapper json;

    DecisionController(
            DecisionService decisions, BatchService batches, AuditLog audit, AdvisorMetrics metrics, JsonMapper json) {
        this.decisions = decisions;
        this.batches = batches;
        this.audit = audit;
        this.metrics = metrics;
        this.json = json;
    }

    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Decide many pairs at once",
            description = "Pairs, or every person × every document with one access. One answer per pair, in order; "
                    + "explain=none (decision and vetting needed), summary (plus the answer's one-sentence summary and the deciding rules) or full (the whole "
                    + "answer). The answers are streamed as they are worked out, in chunks: each chunk is first recorded in "
                    + "the decision log (a BATCH record with each pair's outcome; the first chunk's record id is the "
                    + "batchId) and each full answer's decisionId is its chunk's record id. A batch may need up to "
                    + "advisor.limits.cost-per-request rule evaluations (a pair one, plus one per lower-marked alternative; "
                    + "1,000,000 by default, 413 beyond) and draws on the client's allowance (429 with Retry-After when "
                    + "too little is left); if the client goes away the work stops.")
    @ApiResponse(
            responseCode = "200",
            description = "One answer per pair, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE))
    void batch(
            @RequestBody BatchRequest request,
            @Parameter(description = "none, summary or full") @RequestParam(defaultValue = "none") String explain,
            HttpServletResponse response)
            throws IOException {
        BatchService.Explain level = explain(explain);
        // Streamed on the request's own thread, straight to the connection: with an asynchronous
        // StreamingResponseBody the security filters' header writing on the request thread raced the body's first
        // flush on another thread and corrupted the response headers (seen once in CI).
        batches.answer(request, level, () -> {
            response.setStatus(200);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            return response.getOutputStream();
        });
    }

    private static BatchService.Explain explain(String value) {
        try {
            return BatchService.Explain.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(
                    "explain",
                    value,
                    "'" + value + "' is not one of none, summary, full",
                    List.of("none", "summary", "full"));
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Decide whether a person may see a document",
            description =
                    "Runs the active rule set. Deny by default; any DENY reason beats every PERMIT; an evaluation "
                            + "error never permits. The answer names every rule that shaped it, the vetting actually needed, "
                            + "and lower-marked alternatives the person may see. Bad input is answered with 400 "
                            + "application/problem+json naming the field and, for fixed lists, the allowed values.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "OK",
            content =
                    @io.swagger.v3.oas.annotations.media.Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema =
                                    @io.swagger.v3.oas.annotations.media.Schema(
                                            implementation = DecisionResponse.class)))
    ResponseEntity<byte[]> decide(@Valid @RequestBody DecisionRequest request) {
        long started = System.nanoTime();
        DecisionCache.Kept kept = decisions.kept(request);
        DecisionResponse answer = kept.response();
        // Written once per distinct answer and kept with it; each request puts its own decisionId in (decision 19).
        AnswerBody body = kept.body(r -> new AnswerBody(json.writeValueAsBytes(r), r.decisionId()));
        String id = Ids.next();
        // No answer leaves without its record: if this throws, the caller gets 503 instead.
        audit.record(new AuditEntry(
                id,
                "DECISION",
                "/api/v1/decisions",
                request.person().id(),
                request.document().id(),
                answer.decision().name(),
                answer.ruleSet().version(),
                (System.nanoTime() - started) / 1000,
                request,
                body));
        metrics.decision(answer.decision().name(), System.nanoTime() - started);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.json(id));
    }
}
