package uk.vda.ruleset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import uk.vda.engine.CsvTable;
import uk.vda.engine.PolicyEngine;
import uk.vda.system.FieldProblem;
import uk.vda.system.InvalidRequestException;

/**
 * A rule-set table as an Excel workbook, and back. Policy staff live in spreadsheets: a table {@code x.csv} is
 * written as one sheet named {@code x} that mirrors the file line by line — its comment lines ({@code #…}) as rows
 * of their own in column A, the header row frozen, one row per data row — with each column's allowed values (from
 * its type in {@code x.columns.csv}: a fact-model enum, a vocabulary such as the roles of
 * {@code need-to-know.csv}, YES/NO, countries, literal words) as a drop-down. A workbook read back becomes the same
 * CSV text, comment lines and all, which then goes through the same candidate path as an edit of the CSV: nothing
 * in the workbook is trusted that the table checks would not check anyway.
 */
final class TableWorkbook {
    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The hidden sheet that holds each column's allowed values, which the drop-downs refer to. */
    static final String LISTS_SHEET = "allowed values";
    /** Rows below the header that carry the drop-downs: room to add rows in Excel. */
    private static final int VALIDATED_ROWS = 1000;

    private static final String DEFINES = "defines ";
    private static final Pattern WORD = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d+)?");
    private static final Set<String> NUMERIC = Set.of("INTEGER", "DECIMAL");

    private TableWorkbook() {}

    /** The sheet a table is written to: its file name without {@code .csv}, as Excel allows a sheet's name. */
    static String sheetName(String tablePath) {
        String name = tablePath.substring(tablePath.lastIndexOf('/') + 1).replaceFirst("\\.csv$", "");
        return WorkbookUtil.createSafeSheetName(name.length() > 31 ? name.substring(0, 31) : name);
    }

    /** A table's column types, from the {@code x.columns.csv} beside it in {@code files}; empty when it has none. */
    static Map<String, String> columnTypes(String tablePath, Map<String, String> files) {
        String schema = files.get(tablePath.replaceFirst("\\.csv$", ".columns.csv"));
        Map<String, String> types = new LinkedHashMap<>();
        if (schema != null) {
            CsvTable.parse(tablePath, schema).rows().forEach(row -> types.put(row.get("column"), row.get("type")));
        }
        return types;
    }

    /**
     * The values a column of the given type allows, in the order policy staff know them; null when they cannot be
     * listed (free text, numbers, a column that defines a vocabulary, a list of several values).
     */
    static List<String> allowedValues(String column, String type, Map<String, String> files) {
        if (type == null || column.endsWith("[]") || type.startsWith(DEFINES)) {
            return null;
        }
        Map<String, Set<String>> enums = PolicyEngine.enumTypes();
        Map<String, Set<String>> vocabularies = vocabularies(files);
        Set<String> values = new LinkedHashSet<>();
        for (String part : type.split("\\|")) {
            part = part.strip();
            if (enums.containsKey(part)) {
                values.addAll(enums.get(part));
            } else if (vocabularies.containsKey(part)) {
                values.addAll(vocabularies.get(part));
            } else if (part.equals("YES_NO")) {
                values.addAll(List.of("YES", "NO"));
            } else if (part.equals("COUNTRY")) {
                values.addAll(new TreeSet<>(Arrays.asList(Locale.getISOCountries())));
            } else if (Set.of("TEXT", "INTEGER", "DECIMAL", "IDENTIFIER").contains(part)
                    || !WORD.matcher(part).matches()) {
                return null;
            } else {
                values.add(part);
            }
        }
        return List.copyOf(values);
    }

    /** Each vocabulary the rule set defines ({@code defines ROLE} in a table's column types) with its values. */
    private static Map<String, Set<String>> vocabularies(Map<String, String> files) {
        Map<String, Set<String>> vocabularies = new LinkedHashMap<>();
        files.forEach((path, text) -> {
            if (path.endsWith(".columns.csv")) {
                String table = path.replaceFirst("\\.columns\\.csv$", ".csv");
                columnTypes(table, files).forEach((column, type) -> {
                    if (type.startsWith(DEFINES) && files.containsKey(table)) {
                        Set<String> values = new LinkedHashSet<>();
                        CsvTable.parse(table, files.get(table)).rows().forEach(row -> values.add(row.get(column)));
                        vocabularies.put(type.substring(DEFINES.length()).strip(), values);
                    }
                });
            }
        });
        return vocabularies;
    }

    /** Writes the live table {@code tablePath} of {@code files} as a workbook. */
    static byte[] write(String tablePath, Map<String, String> files) {
        String text = files.get(tablePath);
        CsvTable table = CsvTable.parse(tablePath, text);
        Map<String, String> types = columnTypes(tablePath, files);
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName(tablePath));
            Styles styles = new Styles(workbook);
            String[] lines = lines(text);
            int headerRow = -1;
            int[] widths = new int[table.columns().size()];
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                Row row = sheet.createRow(i);
                if (line.isBlank()) {
                    continue;
                }
                if (isComment(line)) {
                    Cell cell = row.createCell(0);
                    cell.setCellValue(line);
                    cell.setCellStyle(styles.comment);
                    continue;
                }
                List<String> cells = CsvText.split(line);
                boolean header = headerRow < 0;
                if (header) {
                    headerRow = i;
                }
                for (int c = 0; c < cells.size(); c++) {
                    String value = cells.get(c);
                    String column = c < table.columns().size() ? table.columns().get(c) : null;
                    Cell cell = row.createCell(c);
                    if (!header
                            && column != null
                            && isNumber(types.get(column))
                            && NUMBER.matcher(value.strip()).matches()) {
                        cell.setCellValue(Double.parseDouble(value.strip()));
                        // a number stays a number in Excel, and is read back as the same digits
                        if (value.strip().equals(plain(cell.getNumericCellValue()))) {
                            continue;
                        }
                    }
                    cell.setCellValue(value);
                    cell.setCellStyle(header ? styles.header : styles.text);
                    if (c < widths.length) {
                        widths[c] = Math.max(widths[c], value.length());
                    }
                }
                if (header) {
                    describeColumns(workbook, sheet, row, table.columns(), types);
                }
            }
            for (int c = 0; c < widths.length; c++) {
                sheet.setColumnWidth(c, Math.min(60, Math.max(10, widths[c] + 2)) * 256);
                if (!isNumber(types.get(table.columns().get(c)))) {
                    sheet.setDefaultColumnStyle(c, styles.text);
                }
            }
            sheet.createFreezePane(0, headerRow + 1);
            dropDowns(workbook, sheet, headerRow, table.columns(), types, files);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A note on each header cell: the column's type, so the rule behind the drop-down is in sight. */
    private static void describeColumns(
            Workbook workbook, Sheet sheet, Row header, List<String> columns, Map<String, String> types) {
        Drawing<?> drawing = sheet.createDrawingPatriarch();
        for (int c = 0; c < columns.size(); c++) {
            String type = types.get(columns.get(c));
            if (type == null) {
                continue;
            }
            ClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
            anchor.setCol1(c);
            anchor.setCol2(c + 3);
            anchor.setRow1(header.getRowNum());
            anchor.setRow2(header.getRowNum() + 3);
            Comment note = drawing.createCellComment(anchor);
            note.setString(workbook.getCreationHelper()
                    .createRichTextString("Type: " + type
                            + (columns.get(c).endsWith("[]") ? " (a list separated by ;)" : "")
                            + " — see rules/README.md, \"Column types\"."));
            note.setAuthor("Vetting and Disclosure Advisor");
            header.getCell(c).setCellComment(note);
        }
    }

    private static void dropDowns(
            Workbook workbook,
            Sheet sheet,
            int headerRow,
            List<String> columns,
            Map<String, String> types,
            Map<String, String> files) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        Sheet lists = null;
        int listColumn = 0;
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            String type = types.get(column);
            CellRangeAddressList cells = new CellRangeAddressList(headerRow + 1, headerRow + VALIDATED_ROWS, c, c);
            DataValidationConstraint constraint;
            String rule;
            List<String> values = allowedValues(column, type, files);
            if (values != null && !values.isEmpty()) {
                if (lists == null) {
                    lists = workbook.createSheet(LISTS_SHEET);
                    workbook.setSheetHidden(workbook.getSheetIndex(lists), true);
                }
                for (int r = 0; r < values.size(); r++) {
                    Row row = lists.getRow(r) == null ? lists.createRow(r) : lists.getRow(r);
                    row.createCell(listColumn).setCellValue(values.get(r));
                }
                String letter = CellReference.convertNumToColString(listColumn++);
                constraint = helper.createFormulaListConstraint(
                        "'" + LISTS_SHEET + "'!$" + letter + "$1:$" + letter + "$" + values.size());
                rule = "one of the values in its drop-down list";
            } else if ("INTEGER".equals(type)) {
                constraint = helper.createIntegerConstraint(
                        DataValidationConstraint.OperatorType.BETWEEN, "-999999999", "999999999");
                rule = "a whole number";
            } else if ("DECIMAL".equals(type)) {
                constraint = helper.createDecimalConstraint(
                        DataValidationConstraint.OperatorType.BETWEEN, "-999999999", "999999999");
                rule = "a number";
            } else {
                continue;
            }
            DataValidation validation = helper.createValidation(constraint, cells);
            validation.setEmptyCellAllowed(true);
            validation.setShowErrorBox(true);
            validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
            validation.createErrorBox(
                    "Not allowed in " + column, column + " (type " + type + ") must be " + rule + ".");
            validation.setSuppressDropDownArrow(true);
            sheet.addValidationData(validation);
        }
    }

    /**
     * The CSV text of the table {@code tablePath} in a workbook: the sheet named after the table, line by line (a
     * row whose first cell starts with {@code #} is a comment line, an empty row a blank line). The header row
     * must be the live table's. A row whose cells are those of the live file's line of the same number is that
     * line as it was (quotes and all), so a workbook changes only the lines whose cells were changed, as an edit
     * on the Rules page does. A file that is not a workbook, or a workbook without that sheet or with another
     * header, is refused naming what is wrong.
     */
    static String read(String tablePath, String liveText, byte[] workbookBytes) {
        String field = tablePath;
        List<String> columns = CsvTable.parse(tablePath, liveText).columns();
        String[] live = lines(liveText);
        try (Workbook workbook = open(tablePath, workbookBytes)) {
            String name = sheetName(tablePath);
            Sheet sheet = workbook.getSheet(name);
            if (sheet == null) {
                List<String> sheets = IntStream.range(0, workbook.getNumberOfSheets())
                        .mapToObj(workbook::getSheetName)
                        .filter(s -> !s.equals(LISTS_SHEET))
                        .toList();
                throw new InvalidRequestException(
                        "The workbook has no sheet '" + name + "'",
                        List.of(new FieldProblem(
                                field,
                                "the workbook for " + tablePath + " must hold the table in a sheet named '" + name
                                        + "'; it has " + String.join(", ", sheets)
                                        + ". Download the table again from the Rules page, or rename the sheet.",
                                String.join(", ", sheets),
                                List.of(name))));
            }
            List<String> lines = new ArrayList<>();
            boolean headerSeen = false;
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                List<String> cells = cells(sheet.getRow(r));
                if (cells.isEmpty()) {
                    lines.add("");
                } else if (isComment(cells.get(0))) {
                    lines.add(cells.get(0));
                } else if (!headerSeen) {
                    headerSeen = true;
                    List<String> header = cells.stream().map(String::strip).toList();
                    if (!header.equals(columns)) {
                        throw new InvalidRequestException(
                                "The header row of sheet '" + name + "' is not the table's",
                                List.of(new FieldProblem(
                                        field,
                                        "row " + (r + 1) + " of sheet '" + name + "' must be the header "
                                                + String.join(", ", columns) + " (the columns of " + tablePath
                                                + "); it is "
                                                + String.join(", ", header)
                                                + ". Columns are changed in the CSV file and its "
                                                + "column types, not in a workbook.",
                                        String.join(",", header),
                                        columns,
                                        r + 1)));
                    }
                    lines.add(unchanged(live, r, cells) ? live[r] : CsvText.join(cells));
                } else {
                    while (cells.size() < columns.size()) {
                        cells.add("");
                    }
                    lines.add(unchanged(live, r, cells) ? live[r] : CsvText.join(cells));
                }
            }
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            if (!headerSeen) {
                throw new InvalidRequestException(
                        "Sheet '" + name + "' has no header row",
                        List.of(new FieldProblem(
                                field,
                                "sheet '" + name + "' must start with the header row " + String.join(", ", columns),
                                null,
                                columns)));
            }
            return String.join("\n", lines) + "\n";
        } catch (IOException e) {
            throw notAWorkbook(tablePath, e);
        }
    }

    private static boolean unchanged(String[] live, int line, List<String> cells) {
        if (line >= live.length || live[line].isBlank() || isComment(live[line])) {
            return false;
        }
        List<String> was = new ArrayList<>(CsvText.split(live[line]));
        List<String> now = new ArrayList<>(cells);
        while (was.size() < now.size()) {
            was.add("");
        }
        while (now.size() < was.size()) {
            now.add("");
        }
        return was.equals(now);
    }

    private static Workbook open(String tablePath, byte[] bytes) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            // POI refuses a file that is not OOXML, a damaged zip and a zip bomb alike, with various exceptions
            throw notAWorkbook(tablePath, e);
        }
    }

    private static InvalidRequestException notAWorkbook(String tablePath, Exception e) {
        return new InvalidRequestException(
                "The file for " + tablePath + " is not an Excel workbook",
                List.of(new FieldProblem(
                        tablePath,
                        "upload an Excel workbook (.xlsx), as downloaded from the Rules page, or the table as CSV text ("
                                + e.getClass().getSimpleName() + ")",
                        null,
                        List.of())));
    }

    /** A row's cells as text up to its last non-empty cell; empty for a row that is missing or blank. */
    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>();
        if (row == null) {
            return cells;
        }
        for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
            cells.add(text(row.getCell(c)));
        }
        while (!cells.isEmpty() && cells.get(cells.size() - 1).isBlank()) {
            cells.remove(cells.size() - 1);
        }
        return cells;
    }

    /** A cell as the text a person sees in it; a line break typed into a cell (Alt+Enter) becomes a space. */
    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        String text = switch (type) {
            case STRING -> cell.getRichStringCellValue().getString();
            case NUMERIC ->
                DateUtil.isCellDateFormatted(cell)
                        ? new DataFormatter(Locale.UK).formatCellValue(cell)
                        : plain(cell.getNumericCellValue());
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> "";
        };
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean isNumber(String type) {
        return type != null && NUMERIC.contains(type);
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    private static boolean isComment(String line) {
        return line.stripLeading().startsWith("#");
    }

    private static String[] lines(String text) {
        String[] lines = text.split("\r?\n", -1);
        int n = lines.length;
        while (n > 0 && lines[n - 1].isEmpty()) {
            n--;
        }
        return Arrays.copyOf(lines, Math.min(n, SpreadsheetVersion.EXCEL2007.getMaxRows()));
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle comment;
        final CellStyle text;

        Styles(Workbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            Font grey = workbook.createFont();
            grey.setItalic(true);
            grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            comment = workbook.createCellStyle();
            comment.setFont(grey);
            // cells are text, so that Excel keeps 007 as 007 and does not read a date into 1-2
            text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
        }
    }

    /** CSV lines as the rule set's tables read them: commas separate, double quotes protect, "" is a quote. */
    static final class CsvText {
        private CsvText() {}

        static List<String> split(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(ch);
                }
            }
            cells.add(cell.toString());
            return cells;
        }

        /** Quotes a cell only when it must be (a comma or a quote in it), as the Rules page writes a row. */
        static String join(List<String> cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                String cell = cells.get(i);
                line.append(i == 0 ? "" : ",")
                        .append(
                                cell.contains(",") || cell.contains("\"")
                                        ? "\"" + cell.replace("\"", "\"\"") + "\""
                                        : cell);
            }
            return line.toString();
        }
    }
}
