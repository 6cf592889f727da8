package uk.vda.vetting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.vda.audit.AuditEntry;
import uk.vda.audit.AuditLog;
import uk.vda.system.AdvisorMetrics;

@RestController
@RequestMapping("/api/v1/vetting-assessments")
@Tag(name = "Vetting assessments", description = "What vetting does a post actually need? One post, or a whole roster.")
@SecurityRequirement(name = "apiKey", scopes = "assess")
class AssessmentController {
    static final String TEXT_CSV = "text/csv";
    private static final String STREAMED = "The answers are streamed as they are worked out, in chunks, each first "
            + "recorded in the decision log (a ROSTER record with each person's outcome; the first chunk's record id is "
            + "the rosterId, and each assessmentId is its chunk's record id); the summary follows the results. A roster "
            + "may need up to advisor.limits.cost-per-request rule evaluations (a person one per access-profile line; "
            + "413 beyond) and draws on the client's allowance (429 with Retry-After when too little is left); if the "
            + "client goes away the work stops.";
    private static final String ANSWERED = "One result per person, in order, then the summary; or the CSV table";

    /** The JSON and the CSV roster are one operation in the spec (one path, one method): both say all of it. */
    private static final String ROSTER_SUMMARY = "Assess a roster, sent as JSON or as CSV";

    private static final String ROSTER_DESCRIPTION = "One result per person and a summary; with Accept: text/csv, the "
            + "per-person table as CSV. As JSON (application/json): an array of single assessments, each with a "
            + "personId. As CSV (text/csv): a header row, then one person per row. Columns: personId (required), roles "
            + "(required; several separated by ;), organisation (required), requestedVetting, held "
            + "(LEVEL:STATUS[:DATE] separated by ; — DATE is the review date, or for LAPSED the date the person left), "
            + "accessProfile (MARKING:FREQUENCY[:CATEGORY[:OWNER[:VIA]]] separated by ;; the roles' typical profile when "
            + "empty), asOf. See examples/roster/01-prevent-partnership.request.csv. The file is UTF-8 (a byte-order "
            + "mark, as spreadsheets write for \"CSV UTF-8\", is fine); lines end in LF, CRLF or CR. A roster with any "
            + "bad entry is refused whole, every problem listed: in JSON each field is named by its entry ([3].role); "
            + "in CSV each problem's row is the spreadsheet row (the header is row 1, empty rows count, a cell with "
            + "line breaks is still one row) and its field the column as the header names it, or (csv) for a whole "
            + "row or the file.";

    private final AssessmentService assessments;
    private final RosterService rosters;
    private final RosterStream streams;
    private final AuditLog audit;
    private final AdvisorMetrics metrics;

    AssessmentController(
            AssessmentService assessments,
            RosterService rosters,
            RosterStream streams,
            AuditLog audit,
            AdvisorMetrics metrics) {
        this.assessments = assessments;
        this.rosters = rosters;
        this.streams = streams;
        this.audit = audit;
        this.metrics = metrics;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Assess one post",
            description =
                    "Works out the vetting the post's access profile needs (the role's typical profile when none is "
                            + "given), and the verdict on the vetting requested: UNNECESSARY, NECESSARY, INSUFFICIENT or "
                            + "ALREADY_HELD, with the cost and lead time avoided and the cheaper routes.")
    AssessmentResponse assess(@Valid @RequestBody AssessmentRequest request) {
        long started = System.nanoTime();
        AssessmentResponse response = assessments.assess(request);
        audit.record(new AuditEntry(
                response.assessmentId(),
                "ASSESSMENT",
                "/api/v1/vetting-assessments",
                null,
                null,
                response.verdict() == null ? null : response.verdict().name(),
                response.ruleSet().version(),
                (System.nanoTime() - started) / 1000,
                request,
                response));
        metrics.assessment(
                response.verdict() == null ? null : response.verdict().name(), System.nanoTime() - started);
        return response;
    }

    @PostMapping(
            path = "/roster",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, TEXT_CSV})
    @Operation(summary = ROSTER_SUMMARY, description = ROSTER_DESCRIPTION + " " + STREAMED)
    @ApiResponse(
            responseCode = "200",
            description = ANSWERED,
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = RosterResponse.class)),
                @Content(mediaType = TEXT_CSV)
            })
    void rosterJson(
            @RequestBody List<RosterEntry> entries,
            @RequestHeader(value = "Accept", required = false) String accept,
            HttpServletResponse response)
            throws IOException {
        answer(rosters.plan(entries), accept, response);
    }

    @PostMapping(
            path = "/roster",
            consumes = TEXT_CSV,
            produces = {MediaType.APPLICATION_JSON_VALUE, TEXT_CSV})
    @Operation(summary = ROSTER_SUMMARY, description = ROSTER_DESCRIPTION + " " + STREAMED)
    @ApiResponse(
            responseCode = "200",
            description = ANSWERED,
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = RosterResponse.class)),
                @Content(mediaType = TEXT_CSV)
            })
    void rosterCsv(
            @RequestBody byte[] csv,
            @RequestHeader(value = "Accept", required = false) String accept,
            HttpServletResponse response)
            throws IOException {
        answer(rosters.plan(rosters.readCsv(csv)), accept, response);
    }

    /**
     * Streamed on the request's own thread, straight to the connection, as a decision batch is (an asynchronous
     * body raced the security filters' header writing).
     */
    private void answer(RosterService.Plan plan, String accept, HttpServletResponse response) throws IOException {
        boolean csv = accept != null && accept.contains(TEXT_CSV) && !accept.contains(MediaType.APPLICATION_JSON_VALUE);
        streams.answer(plan, csv ? RosterStream.Format.CSV : RosterStream.Format.JSON, () -> {
            response.setStatus(200);
            response.setContentType(csv ? "text/csv;charset=UTF-8" : MediaType.APPLICATION_JSON_VALUE);
            return response.getOutputStream();
        });
    }
}
