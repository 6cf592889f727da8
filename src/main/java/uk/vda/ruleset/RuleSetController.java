package uk.vda.ruleset;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleInfo;
import uk.vda.engine.RuleSet;
import uk.vda.system.FieldProblem;
import uk.vda.system.InvalidRequestException;
import uk.vda.system.NotFoundException;

@RestController
@RequestMapping(path = "/api/v1/rule-sets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Rule sets", description = "The policy in force and its history (scope rules:read).")
class RuleSetController {
    private static final Pattern SAFE_PATH =
            Pattern.compile("^[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)*\\.(drl|drt|csv|json|md)$");
    private final PolicyEngine engine;
    private final RuleSetHistory history;
    private final RuleSetAdmin admin;
    private final RulesWatcher watcher;
    private final Clock clock;
    private RuleSetTester.Report lastTests;

    RuleSetController(
            PolicyEngine engine, RuleSetHistory history, RuleSetAdmin admin, RulesWatcher watcher, Clock clock) {
        this.clock = clock;
        this.engine = engine;
        this.history = history;
        this.admin = admin;
        this.watcher = watcher;
    }

    @Schema(description = "A candidate as JSON: changed files with their new content (null removes a file).")
    record CandidateUpload(
            @Schema(description = "A label for people.", example = "CONFIDENTIAL regular now needs SC")
            String label,

            @Schema(description = "Path under rules/ → new content; null removes the file.")
            Map<String, String> files,

            @Schema(description = "True when files is the whole rule set rather than changes to the live one.")
            Boolean wholeSet) {}

    @Schema(description = "Why a rule set is being made live.")
    record Why(
            @Schema(
                    description = "The reason, recorded in the history and the decision log.",
                    example = "Guidance of 2026-11 on CONFIDENTIAL")
            String reason) {}

    @SecurityRequirement(name = "apiKey", scopes = "rules:write")
    @PostMapping(path = "/candidates", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Upload a candidate rule set as JSON (scope rules:write)",
            description =
                    "Compiles, checks and tests the candidate and measures what it would change; nothing live is touched.")
    @ApiResponse(
            responseCode = "201",
            description = "The candidate, compiled and tested: its report",
            useReturnTypeSchema = true)
    ResponseEntity<RuleSetAdmin.CandidateReport> candidate(@RequestBody CandidateUpload upload) {
        Map<String, String> files = upload.files() == null ? Map.of() : upload.files();
        files.keySet().forEach(RuleSetController::checkPath);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(admin.submit(upload.label(), files, Boolean.TRUE.equals(upload.wholeSet())));
    }

    @SecurityRequirement(name = "apiKey", scopes = "rules:write")
    @PostMapping(path = "/candidates", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Upload a candidate rule set as files (scope rules:write)",
            description =
                    "Each file part is named by its path under rules/ (curl -F 'vetting/minimum-vetting.csv=@rules/vetting/minimum-vetting.csv'); "
                            + "or one part named zip holds the whole set as a zip. Optional field label.")
    @ApiResponse(
            responseCode = "201",
            description = "The candidate, compiled and tested: its report",
            useReturnTypeSchema = true)
    ResponseEntity<RuleSetAdmin.CandidateReport> candidateFiles(MultipartHttpServletRequest request)
            throws IOException {
        Map<String, String> files = new TreeMap<>();
        boolean wholeSet = false;
        for (Map.Entry<String, List<MultipartFile>> part :
                request.getMultiFileMap().entrySet()) {
            for (MultipartFile file : part.getValue()) {
                if (part.getKey().equals("zip")) {
                    wholeSet = true;
                    unzip(file.getBytes(), files);
                } else {
                    checkPath(part.getKey());
                    files.put(
                            part.getKey(),
                            isWorkbook(file)
                                    ? fromWorkbook(part.getKey(), file.getBytes())
                                    : new String(file.getBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        if (files.isEmpty()) {
            throw new InvalidRequestException(
                    "No files were uploaded",
                    List.of(new FieldProblem(
                            "(body)",
                            "upload file parts named by their path under rules/, or a part named zip",
                            null,
                            List.of())));
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(admin.submit(request.getParameter("label"), files, wholeSet));
    }

    @SecurityRequirement(name = "apiKey", scopes = "rules:read")
    @GetMapping(path = "/active/workbooks/**", produces = TableWorkbook.MEDIA_TYPE)
    @Operation(
            summary = "One table of the live rule set as an Excel workbook",
            description =
                    "GET .../active/workbooks/vetting/minimum-vetting.xlsx is vetting/minimum-vetting.csv as one sheet: "
                            + "its comment lines kept as rows, the header row frozen, each column's allowed values (from its type in "
                            + "x.columns.csv) as a drop-down. Change it in Excel and upload it as a candidate: a multipart part named "
                            + "by the table's path (vetting/minimum-vetting.csv) whose file is the .xlsx.")
    ResponseEntity<byte[]> workbook(HttpServletRequest request) {
        String path = request.getRequestURI()
                .substring(request.getRequestURI().indexOf("/active/workbooks/") + "/active/workbooks/".length());
        String table = path.replaceFirst("\\.xlsx$", ".csv");
        Map<String, String> files = engine.ruleSet().contents();
        if (!path.endsWith(".xlsx") || !files.containsKey(table)) {
            throw new NotFoundException("The live rule set has no table " + table);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(TableWorkbook.MEDIA_TYPE))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(path.substring(path.lastIndexOf('/') + 1))
                                .build()
                                .toString())
                .body(TableWorkbook.write(table, files));
    }

    private static boolean isWorkbook(MultipartFile file) {
        String name = file.getOriginalFilename();
        return TableWorkbook.MEDIA_TYPE.equals(file.getContentType())
                || name != null && name.toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }

    /** A workbook uploaded for a table becomes the table's CSV text, then goes the way of any changed file. */
    private String fromWorkbook(String path, byte[] workbook) {
        String live = engine.ruleSet().contents().get(path);
        if (!path.endsWith(".csv") || live == null) {
            throw new InvalidRequestException(
                    "A workbook can only replace a table",
                    List.of(new FieldProblem(
                            path,
                            "a workbook (.xlsx) can replace a table (.csv) of the live rule set; " + path
                                    + " is not one",
                            path,
                            List.of())));
        }
        return TableWorkbook.read(path, live, workbook);
    }

    @SecurityRequirement(name = "apiKey", scopes = "rules:read")
    @GetMapping("/candidates/{id}")
    @Operation(summary = "A candidate's report again")
    RuleSetAdmin.CandidateReport candidateReport(@PathVariable String id) {
        return admin.candidate(id).orElseThrow(() -> new NotFoundException("No candidate has the id " + id));
    }

    @SecurityRequirement(name = "apiKey", scopes = "rules:write")
    @PostMapping(path = "/candidates/{id}/publish", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Make a candidate live (scope rules:write)",
            description =
                    "Only when it compiles and every test passes (409 otherwise). Takes effect at once, without a restart.")
    RuleSetAdmin.Activation publish(@PathVariable String id, @RequestBody(required = false) Why why) {
        return admin.publish(id, why == null ? null : why.reason());
    }

    @SecurityRequirement(name = "apiKey", scopes = "rules:write")
    @PostMapping(path = "/{version}/activate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Make an earlier version live again: a rollback in one call (scope rules:write)")
    RuleSetAdmin.Activation activate(@PathVariable String version, @RequestBody(required = false) Why why) {
        return admin.activate(version, why == null ? null : why.reason());
    }

    @SecurityRequirement(name = "apiKey", scopes = "rules:read")
    @GetMapping("/versions")
    @Operation(summary = "Every version this service has seen, newest first")
    List<RuleSetHistory.Version> versions() {
        return history.versions();
    }

    @SecurityRequirement(name = "apiKey", scopes = "rules:read")
    @GetMapping(
            path = "/active/files/**",
            produces = {MediaType.TEXT_PLAIN_VALUE, MediaType.ALL_VALUE})
    @Operation(summary = "One file of the live rule set, as text")
    ResponseEntity<String> file(HttpServletRequest request) {
        String path = request.getRequestURI()
                .substring(request.getRequestURI().indexOf("/active/files/") + "/active/files/".length());
        String content = engine.ruleSet().contents().get(path);
        if (content == null) {
            throw new NotFoundException("The live rule set has no file " + path);
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(content);
    }

    /** The live set's test results, worked out once per version. */
    private synchronized RuleSetTester.Report tests(String version) {
        if (lastTests == null || !lastTests.version().equals(version)) {
            lastTests = RuleSetTester.test(engine, clock);
        }
        return lastTests;
    }

    private static void checkPath(String path) {
        if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            throw new InvalidRequestException(
                    "'" + path + "' is not a rule-set path",
                    List.of(new FieldProblem(
                            "files",
                            "'" + path + "' is not a path under rules/ ending .drl, .drt, .csv, .json or .md",
                            path,
                            List.of())));
        }
    }

    private static void unzip(byte[] zip, Map<String, String> files) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.isDirectory()) {
                    continue;
                }
                String path = entry.getName().replaceFirst("^rules/", "");
                checkPath(path);
                files.put(path, new String(in.readNBytes(2_000_000), StandardCharsets.UTF_8));
                if (files.size() > 2000) {
                    throw new InvalidRequestException(
                            "The zip holds too many files",
                            List.of(new FieldProblem("zip", "at most 2000 files", null, List.of())));
                }
            }
        }
    }

    @Schema(description = "The rule set answering now.")
    record Active(
            @Schema(description = "Content hash of every file under rules/.")
            String version,

            @Schema(description = "When it was compiled.") Instant compiledAt,

            @Schema(description = "The folder it was compiled from.")
            String directory,

            @Schema(description = "Its files.") List<String> files,

            @Schema(description = "How many rules, table rows included.")
            int ruleCount,

            @Schema(description = "Every rule, with its file, description and source.")
            List<RuleInfo> rules,

            @Schema(description = "The latest activations, newest first.")
            List<RuleSetHistory.Event> history,

            @Schema(description = "The last reload from disk: status and messages.")
            RulesWatcher.Status reload,

            @Schema(description = "Its test results: table checks, scenarios, coverage.")
            RuleSetTester.Report tests) {}

    @SecurityRequirement(name = "apiKey", scopes = "rules:read")
    @GetMapping("/active")
    @Operation(summary = "The rule set in force: version, files, rules, and when and by whom it was activated")
    Active active() {
        RuleSet ruleSet = engine.ruleSet();
        return new Active(
                ruleSet.version(),
                ruleSet.compiledAt(),
                ruleSet.directory(),
                ruleSet.files(),
                ruleSet.ruleCount(),
                ruleSet.rules(),
                history.history(20),
                watcher.status(),
                tests(ruleSet.version()));
    }
}
