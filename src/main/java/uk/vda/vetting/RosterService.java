package uk.vda.vetting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import uk.vda.parts.VettingInput;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Organisation;
import uk.vda.policy.Owner;
import uk.vda.policy.VerdictValue;
import uk.vda.policy.VettingLevel;
import uk.vda.security.CostLimiter;
import uk.vda.system.Csv;
import uk.vda.system.DateRange;
import uk.vda.system.FieldProblem;
import uk.vda.system.Ids;
import uk.vda.system.InvalidRequestException;
import uk.vda.system.RequestChecks;
import uk.vda.vetting.AssessmentRequest.ProfileLine;
import uk.vda.vetting.AssessmentResponse.Money;

/**
 * What a roster is and how it is answered: read from JSON or from a CSV upload, checked (a roster with any bad row
 * is refused whole, with every bad row listed), then answered person by person with a summary that adds the rows
 * up. Over the API the answers are streamed in recorded chunks ({@link RosterStream}).
 */
@Service
public class RosterService {
    /** The CSV columns, in the order the CSV answer uses them for the input part. */
    public static final List<String> COLUMNS =
            List.of("personId", "roles", "organisation", "requestedVetting", "held", "accessProfile", "asOf");

    private static final Set<String> REQUIRED = Set.of("personId", "roles", "organisation");

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    /**
     * RFC 4180 as spreadsheets write it: a quoted cell may hold commas, quotes and line breaks; lines end in LF, CRLF
     * or a lone CR; nothing is a comment (a personId may start with #). Empty lines are read, and skipped below, so
     * that row numbers stay those a spreadsheet shows.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .get();

    /** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells by column. */
    private record Row(int number, Map<String, String> cells) {
        String get(String column) {
            return cells.getOrDefault(column, "");
        }
    }

    private final AssessmentService assessments;
    private final RequestChecks checks;
    private final CostLimiter costs;

    public RosterService(AssessmentService assessments, RequestChecks checks, CostLimiter costs) {
        this.assessments = assessments;
        this.checks = checks;
        this.costs = costs;
    }

    /**
     * A checked roster: its people, and the most rule evaluations it may need (one per line of each access profile,
     * the roles' typical one when none is given).
     */
    public record Plan(List<RosterEntry> entries, long cost) {
        public int size() {
            return entries.size();
        }
    }

    /**
     * What assessing people cost: the profile lines run through the rules, and at least one evaluation a person,
     * since assessing and writing a person whose lines were all cached costs about as much CPU as an evaluation
     * (at a hundredth a person, one line asked again and again was nearly free).
     */
    static long cost(long evaluatedLines, long people) {
        return Math.max(evaluatedLines, people);
    }

    /**
     * Checks a roster sent as JSON: 400 listing every bad entry, then 413 when it may need more rule evaluations
     * than one request may. No rule has run yet.
     */
    public Plan plan(List<RosterEntry> entries) {
        return plan(entries, null, List.of());
    }

    /** A CSV roster as entries, with the line each came from and every problem found reading the cells. */
    public record CsvRoster(List<RosterEntry> entries, List<Integer> lines, List<FieldProblem> problems) {}

    /** Checks a roster read from CSV as {@link #plan(List)} does: every problem of every row is reported together. */
    public Plan plan(CsvRoster roster) {
        return plan(roster.entries(), roster.lines(), roster.problems());
    }

    /** Checks every entry (adding to the problems already found while reading a CSV), then what it may cost. */
    private Plan plan(List<RosterEntry> entries, List<Integer> csvLines, List<FieldProblem> found) {
        if (entries == null || entries.isEmpty()) {
            throw new InvalidRequestException(
                    "The roster is empty",
                    List.of(new FieldProblem("(body)", "a roster needs at least one person", null, List.of())));
        }
        List<FieldProblem> problems = new ArrayList<>(found);
        for (int i = 0; i < entries.size(); i++) {
            RosterEntry entry = entries.get(i);
            Integer line = csvLines == null ? null : csvLines.get(i);
            String prefix = csvLines == null ? "[" + i + "]." : "";
            if (entry == null) {
                problems.add(
                        new FieldProblem("[" + i + "]", "a roster entry must be an object", null, List.of(), line));
                continue;
            }
            if (entry.personId() == null || entry.personId().isBlank()) {
                problems.add(
                        new FieldProblem(prefix + "personId", "personId must not be blank", null, List.of(), line));
            }
            List<FieldProblem> entryProblems = new ArrayList<>(checks.problems(entry, prefix));
            entryProblems.addAll(assessments.check(entry.toAssessment(), prefix));
            for (FieldProblem p : entryProblems) {
                if (csvLines != null
                        && problems.stream()
                                .anyMatch(q -> line.equals(q.row()) && q.field().equals(csvColumn(p.field())))) {
                    continue; // the cell could not be read; its problem is already listed
                }
                problems.add(new FieldProblem(
                        csvLines == null ? p.field() : csvColumn(p.field()),
                        p.message(),
                        p.rejected(),
                        p.allowed(),
                        line));
            }
        }
        problems.sort(Comparator.comparing((FieldProblem p) -> p.row() == null ? 0 : p.row()));
        refuseIf(problems);

        // the most the rules could be asked: a roster no client could send is refused now (413); the client's
        // allowance is drawn on when it is answered (429)
        long cost = 0;
        for (RosterEntry entry : entries) {
            cost += assessments.evaluations(entry.toAssessment());
        }
        costs.check("roster", cost);
        return new Plan(entries, cost);
    }

    /** Assesses person {@code i} of a checked roster; {@code lines} are the roster's, shared by its workers. */
    public AssessmentResponse assess(Plan plan, int i, AssessmentService.Lines lines) {
        return assessments
                .assessChecked(plan.entries().get(i).toAssessment(), lines)
                .response();
    }

    /**
     * The whole answer at once, in memory, for callers in the same process (the check of every example's wording).
     * The API streams it instead, in recorded chunks ({@code RosterStream}), holding only what is in flight.
     */
    public RosterResponse assess(List<RosterEntry> entries) {
        return whole(plan(entries));
    }

    /** As {@link #assess(List)}, for a roster read from CSV. */
    public RosterResponse assess(CsvRoster roster) {
        return whole(plan(roster));
    }

    private RosterResponse whole(Plan plan) {
        CostLimiter.Reservation reservation = costs.reserve("roster", plan.cost());
        AssessmentService.Lines lines = new AssessmentService.Lines();
        List<RosterResponse.Result> results = new ArrayList<>();
        Totals totals = new Totals();
        String rosterId = Ids.next();
        try {
            for (int i = 0; i < plan.size(); i++) {
                String personId = plan.entries().get(i).personId();
                AssessmentResponse answer = assess(plan, i, lines).withAssessmentId(rosterId);
                totals.add(personId, answer);
                results.add(new RosterResponse.Result(personId, answer));
            }
        } finally {
            reservation.settle(cost(lines.evaluated(), results.size()));
        }
        return new RosterResponse(
                rosterId, results, totals.summary(), results.get(0).assessment().ruleSet());
    }

    /**
     * Reads an uploaded roster. It must be UTF-8: anything else is refused with the row of the first bad byte,
     * rather than read with U+FFFD in its place (the audit log would keep the mangled identifiers). The byte-order
     * mark spreadsheets put at the start of "CSV UTF-8" is dropped, and lines may end in LF, CRLF or a lone CR
     * (older Mac spreadsheets).
     */
    public CsvRoster readCsv(byte[] csv) {
        return readCsv(decode(csv == null ? new byte[0] : csv));
    }

    CsvRoster readCsv(String csv) {
        String text = csv.startsWith(BYTE_ORDER_MARK) ? csv.substring(1) : csv;
        List<Row> rows = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        List<String> columns = null;
        int number = 0;
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            for (CSVRecord record : parser) {
                number++;
                List<String> cells = record.stream().map(String::strip).toList();
                if (cells.stream().allMatch(String::isEmpty)) {
                    continue; // an empty row (or one of empty cells, as spreadsheets save rows once formatted)
                }
                if (columns == null) {
                    columns = cells;
                    checkHeader(columns, number, problems);
                } else if (cells.size() > columns.size()) {
                    problems.add(new FieldProblem(
                            "(csv)",
                            "row has " + cells.size() + " cells but the header names " + columns.size() + " columns",
                            null,
                            List.of(),
                            number));
                } else {
                    Map<String, String> byColumn = new HashMap<>();
                    for (int c = 0; c < cells.size(); c++) {
                        byColumn.putIfAbsent(columns.get(c), cells.get(c));
                    }
                    rows.add(new Row(number, byColumn));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a quoted cell never closed, or text after a closing quote: the row being read is the next one
            throw new InvalidRequestException(
                    "The CSV cannot be read (row " + (number + 1) + ")",
                    List.of(new FieldProblem(
                            "(csv)", "the CSV cannot be read: " + unreadable(e), null, List.of(), number + 1)));
        }
        if (columns == null) {
            throw new InvalidRequestException(
                    "The CSV cannot be read",
                    List.of(new FieldProblem("(csv)", "the table has no header row", null, List.of(), 1)));
        }
        refuseIf(problems);
        List<RosterEntry> entries = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (Row row : rows) {
            entries.add(entry(row, problems));
            lines.add(row.number());
        }
        if (entries.isEmpty()) {
            refuseIf(problems);
        }
        return new CsvRoster(entries, lines, problems);
    }

    private static void checkHeader(List<String> columns, int row, List<FieldProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                problems.add(new FieldProblem(
                        column, "the header names '" + column + "' more than once", column, COLUMNS, row));
            }
        }
        for (String column : columns) {
            if (!COLUMNS.contains(column)) {
                problems.add(new FieldProblem(column, "'" + column + "' is not a roster column", column, COLUMNS, row));
            }
        }
        for (String column : REQUIRED) {
            if (!columns.contains(column)) {
                problems.add(new FieldProblem(column, "the header has no '" + column + "' column", null, COLUMNS, row));
            }
        }
    }

    /** What is wrong, in the words of the HR guide; Commons CSV's own counts physical lines, not rows. */
    private static String unreadable(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted cell is not closed";
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return "a quoted cell is followed by more text before the next comma (write a quote inside a cell as \"\")";
        }
        return message;
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            int bad = firstMalformed(bytes);
            int row = rowOf(new String(bytes, 0, bad, StandardCharsets.UTF_8));
            String message = "the file is not UTF-8: byte " + (bad + 1) + " (0x"
                    + HexFormat.of().toHexDigits(bytes[bad])
                    + ") cannot be read; save the spreadsheet as \"CSV UTF-8\"";
            throw new InvalidRequestException(
                    "The CSV is not UTF-8 (row " + row + ")",
                    List.of(new FieldProblem("(csv)", message, null, List.of("UTF-8"), row)));
        }
    }

    /** The spreadsheet row the text after {@code before} stands in: the records read up to it, the unfinished one included. */
    private static int rowOf(String before) {
        try (CSVParser parser = CSVParser.parse(
                before + "x",
                FORMAT.builder().setLenientEof(true).setTrailingData(true).get())) {
            return (int) parser.stream().count();
        } catch (IOException | UncheckedIOException e) {
            return (int) before.lines().count();
        }
    }

    /** The offset of the first byte that is not part of a well-formed UTF-8 sequence. */
    private static int firstMalformed(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length - 1;
    }

    private static void refuseIf(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw InvalidRequestException.in("roster", problems);
        }
    }

    private static String csvColumn(String field) {
        String column = field.replaceAll("\\[.*$", "").replaceAll("\\..*$", "");
        return column.equals("role") ? "roles" : column;
    }

    private static RosterEntry entry(Row row, List<FieldProblem> problems) {
        int line = row.number();
        List<String> roles = list(row.get("roles"));
        Organisation organisation = parse(Organisation.class, row.get("organisation"), "organisation", line, problems);
        VettingLevel requested = row.get("requestedVetting").isBlank()
                ? null
                : parse(VettingLevel.class, row.get("requestedVetting"), "requestedVetting", line, problems);
        List<VettingInput> held = new ArrayList<>();
        for (String item : list(row.get("held"))) {
            String[] parts = item.split(":", -1);
            VettingLevel level = parse(VettingLevel.class, parts[0], "held", line, problems);
            ClearanceStatus status =
                    parts.length > 1 ? parse(ClearanceStatus.class, parts[1], "held", line, problems) : null;
            if (parts.length < 2) {
                problems.add(new FieldProblem(
                        "held",
                        "'" + item + "' needs LEVEL:STATUS[:DATE], e.g. SC:VERIFIED:2030-01-31",
                        item,
                        List.of(),
                        line));
            }
            LocalDate date = parts.length > 2 ? date(parts[2], "held", line, problems) : null;
            boolean lapsed = status == ClearanceStatus.LAPSED;
            held.add(new VettingInput(level, status, null, lapsed ? null : date, null, lapsed ? date : null));
        }
        List<ProfileLine> profile = null;
        if (!row.get("accessProfile").isBlank()) {
            profile = new ArrayList<>();
            for (String item : list(row.get("accessProfile"))) {
                String[] parts = item.split(":", -1);
                Marking marking = parse(Marking.class, parts[0], "accessProfile", line, problems);
                Frequency frequency = parts.length > 1 && !parts[1].isBlank()
                        ? parse(Frequency.class, parts[1], "accessProfile", line, problems)
                        : null;
                String category = parts.length > 2 && !parts[2].isBlank() ? parts[2] : null;
                Owner owner = parts.length > 3 && !parts[3].isBlank()
                        ? parse(Owner.class, parts[3], "accessProfile", line, problems)
                        : null;
                AccessRoute via = parts.length > 4 && !parts[4].isBlank()
                        ? parse(AccessRoute.class, parts[4], "accessProfile", line, problems)
                        : null;
                profile.add(new ProfileLine(marking, null, frequency, category, false, owner, via, null));
            }
        }
        LocalDate asOf = row.get("asOf").isBlank() ? null : date(row.get("asOf"), "asOf", line, problems);
        String personId = row.get("personId").isBlank() ? null : row.get("personId");
        return new RosterEntry(personId, null, roles, organisation, requested, held, profile, asOf);
    }

    private static List<String> list(String cell) {
        return Arrays.stream(cell.split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static <E extends Enum<E>> E parse(
            Class<E> type, String value, String column, int line, List<FieldProblem> problems) {
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(
                    column,
                    "'" + value.strip() + "' is not one of " + Arrays.toString(type.getEnumConstants()),
                    value.strip(),
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).toList(),
                    line));
            return null;
        }
    }

    private static LocalDate date(String value, String column, int line, List<FieldProblem> problems) {
        LocalDate date = null;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            // refused below
        }
        if (date == null || !DateRange.contains(date)) {
            problems.add(new FieldProblem(
                    column, "'" + value.strip() + "' is not " + DateRange.FORM, value.strip(), List.of(), line));
            return null;
        }
        return date;
    }

    /** What a roster's answers add up to, added up one answer at a time in the roster's order. */
    static final class Totals {
        private final Map<VerdictValue, Integer> byVerdict = new EnumMap<>(VerdictValue.class);
        private final List<String> over = new ArrayList<>();
        private final List<String> under = new ArrayList<>();
        private int people;
        private int unassessed;
        private int min;
        private int max;
        private int days;

        Totals() {
            for (VerdictValue v : VerdictValue.values()) {
                byVerdict.put(v, 0);
            }
        }

        void add(String personId, AssessmentResponse a) {
            people++;
            if (a.verdict() == null) {
                unassessed++;
            } else {
                byVerdict.merge(a.verdict(), 1, Integer::sum);
            }
            if (a.overVetted()) {
                over.add(personId);
            }
            if (a.requiredVetting() != null && !a.heldSufficient()) {
                under.add(personId);
            }
            if (a.costAvoided() != null) {
                min += a.costAvoided().min();
                max += a.costAvoided().max();
            }
            if (a.leadTimeAvoidedDays() != null) {
                days += a.leadTimeAvoidedDays();
            }
        }

        RosterResponse.Summary summary() {
            return new RosterResponse.Summary(
                    people,
                    new EnumMap<>(byVerdict),
                    unassessed,
                    List.copyOf(over),
                    List.copyOf(under),
                    new Money("GBP", min, max),
                    days);
        }
    }

    /** The CSV answer's header: who, the answer in one sentence, the input columns that matter, then the answer. */
    static final String CSV_HEADER = "personId,summary,requestedVetting,requiredVetting,requiredPoliceVetting,verdict,"
            + "requestNecessary,heldSufficient,effectiveVetting,overVetted,costAvoidedMin,costAvoidedMax,"
            + "leadTimeAvoidedDays,drivers,recommendations\n";

    /** One person's line of the CSV answer, its line break included. */
    static String csvLine(String personId, AssessmentResponse a) {
        Function<Object, String> cell = Csv::cell;
        String drivers = a.drivers().stream()
                .map(d -> d.marking() + " " + d.frequency())
                .distinct()
                .collect(Collectors.joining("; "));
        return String.join(
                        ",",
                        cell.apply(personId),
                        cell.apply(a.summary()),
                        cell.apply(a.requestedVetting()),
                        cell.apply(a.requiredVetting()),
                        cell.apply(a.requiredPoliceVetting()),
                        cell.apply(a.verdict()),
                        cell.apply(a.requestNecessary()),
                        cell.apply(a.heldSufficient()),
                        cell.apply(a.effectiveVetting()),
                        cell.apply(a.overVetted()),
                        cell.apply(
                                a.costAvoided() == null ? null : a.costAvoided().min()),
                        cell.apply(
                                a.costAvoided() == null ? null : a.costAvoided().max()),
                        cell.apply(a.leadTimeAvoidedDays()),
                        cell.apply(drivers),
                        cell.apply(String.join("; ", a.recommendations())))
                + "\n";
    }
}
