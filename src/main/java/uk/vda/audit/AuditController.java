package uk.vda.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.vda.policy.Effect;
import uk.vda.policy.VerdictValue;
import uk.vda.system.Csv;
import uk.vda.system.FieldProblem;
import uk.vda.system.InvalidRequestException;
import uk.vda.system.NotFoundException;

@RestController
@RequestMapping("/api/v1/audit/decisions")
@Tag(
        name = "Audit",
        description = "The decision log: every answer, who asked, under which rule set (scope audit:read).")
@SecurityRequirement(name = "apiKey", scopes = "audit:read")
class AuditController {
    private static final int MAX_PAGE_SIZE = 500;
    /** What the log records as a kind of answer. */
    static final List<String> KINDS = List.of("DECISION", "ASSESSMENT", "ROSTER", "BATCH", "RULESET");
    /** What {@code decision} can match: a disclosure decision or an assessment verdict. */
    static final List<String> OUTCOMES = Stream.concat(
                    Stream.of(Effect.PERMIT.name(), Effect.DENY.name()),
                    Arrays.stream(VerdictValue.values()).map(VerdictValue::name))
            .toList();

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @Schema(description = "One page of audit records, newest first.")
    record Page(
            @Schema(description = "Records on this page.") List<AuditLog.Summary> records,
            @Schema(description = "Page number, from 0.") int page,
            @Schema(description = "Page size.") int size,

            @Schema(description = "Records matching the filters.")
            long total) {}

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One answer, with the request (pseudonymised) and the full explanation given")
    ResponseEntity<AuditLog.Entry> one(@PathVariable String id) {
        return audit.find(id)
                .map(ResponseEntity::ok)
                .orElseThrow(() -> new NotFoundException("No audit record has the id " + id));
    }

    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(
            summary = "Search the decision log",
            description =
                    "Filters combine; all are optional. `person` is the person's own identifier (it is hashed the "
                            + "same way before the search); `personPseudonym` the stored pseudonym. With Accept: text/csv the "
                            + "matching records (up to 100,000) come back as CSV.")
    ResponseEntity<?> search(
            @Parameter(description = "Client (API key's client name).") @RequestParam(required = false) String client,
            @Parameter(description = "The id of the API key that asked.") @RequestParam(required = false) String keyId,
            @Parameter(description = "The person's identifier as the caller sent it.") @RequestParam(required = false)
                    String person,
            @Parameter(description = "The stored pseudonym.") @RequestParam(required = false) String personPseudonym,
            @Parameter(description = "Document id.") @RequestParam(required = false) String documentId,
            @Parameter(description = "PERMIT, DENY, or an assessment verdict.") @RequestParam(required = false)
                    String decision,
            @Parameter(description = "DECISION, ASSESSMENT, ROSTER, BATCH or RULESET.") @RequestParam(required = false)
                    String kind,
            @Parameter(description = "Rule-set version.") @RequestParam(required = false) String ruleSetVersion,
            @Parameter(description = "From this instant (ISO 8601), inclusive.")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    Instant from,
            @Parameter(description = "Until this instant (ISO 8601), exclusive.")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    Instant to,
            @Parameter(description = "Page, from 0.") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 500.") @RequestParam(defaultValue = "50") int size,
            @RequestHeader(value = "Accept", required = false) String accept) {
        List<FieldProblem> problems = new ArrayList<>();
        oneOf(problems, "decision", decision, OUTCOMES);
        oneOf(problems, "kind", kind, KINDS);
        String range = "page must be 0 or more and size 1 to " + MAX_PAGE_SIZE;
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            boolean badSize = size < 1 || size > MAX_PAGE_SIZE;
            problems.add(new FieldProblem(badSize ? "size" : "page", range, badSize ? size : page, List.of()));
        }
        if (problems.size() == 1 && problems.get(0).message().equals(range)) {
            throw new InvalidRequestException(range, problems);
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
        String pseudonym = personPseudonym != null ? personPseudonym : audit.pseudonym(person);
        AuditLog.Filter filter =
                new AuditLog.Filter(client, keyId, pseudonym, documentId, decision, kind, ruleSetVersion, from, to);
        if (accept != null && accept.contains("text/csv") && !accept.contains(MediaType.APPLICATION_JSON_VALUE)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"audit.csv\"")
                    .body(csv(audit.search(filter, 0, 100_000)));
        }
        return ResponseEntity.ok(new Page(audit.search(filter, page, size), page, size, audit.count(filter)));
    }

    private static void oneOf(List<FieldProblem> problems, String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            problems.add(new FieldProblem(field, "'" + value + "' is not one of " + allowed, value, allowed));
        }
    }

    private static String csv(List<AuditLog.Summary> records) {
        StringBuilder out = new StringBuilder(
                "id,recordedAt,clientId,keyId,endpoint,kind,personPseudonym,documentId,outcome,ruleSetVersion,latencyMicros\n");
        for (AuditLog.Summary r : records) {
            out.append(String.join(
                            ",",
                            Csv.cell(r.id()),
                            Csv.cell(r.recordedAt()),
                            Csv.cell(r.clientId()),
                            Csv.cell(r.keyId()),
                            Csv.cell(r.endpoint()),
                            Csv.cell(r.kind()),
                            Csv.cell(r.personPseudonym()),
                            Csv.cell(r.documentId()),
                            Csv.cell(r.outcome()),
                            Csv.cell(r.ruleSetVersion()),
                            Csv.cell(r.latencyMicros())))
                    .append('\n');
        }
        return out.toString();
    }
}
