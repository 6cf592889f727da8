package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import uk.vda.engine.CsvTable;
import uk.vda.engine.PolicyEngine;
import uk.vda.policy.Marking;
import uk.vda.policy.VettingLevel;
import uk.vda.system.InvalidRequestException;

/** Tables as Excel workbooks: what policy staff download, and what their edited workbook becomes. */
class TableWorkbookTest {
    private static final Map<String, String> FILES = PolicyEngine.read(Path.of("rules"));
    private static final String MATRIX = "vetting/minimum-vetting.csv";

    private static Map<String, String> validations(Workbook workbook, String sheet) {
        Sheet lists = workbook.getSheet(TableWorkbook.LISTS_SHEET);
        Map<String, String> byColumn = new TreeMap<>();
        for (DataValidation v : workbook.getSheet(sheet).getDataValidations()) {
            DataValidationConstraint c = v.getValidationConstraint();
            int column = v.getRegions().getCellRangeAddress(0).getFirstColumn();
            String name = workbook.getSheet(sheet)
                    .getRow(v.getRegions().getCellRangeAddress(0).getFirstRow() - 1)
                    .getCell(column)
                    .getStringCellValue();
            if (c.getValidationType() == DataValidationConstraint.ValidationType.LIST) {
                String letter = c.getFormula1().replaceAll(".*!\\$([A-Z]+)\\$.*", "$1");
                int col = CellReference.convertColStringToIndex(letter);
                StringBuilder values = new StringBuilder();
                for (Row row : lists) {
                    if (row.getCell(col) != null) {
                        values.append(values.isEmpty() ? "" : ",")
                                .append(row.getCell(col).getStringCellValue());
                    }
                }
                byColumn.put(name, values.toString());
            } else {
                byColumn.put(
                        name,
                        c.getValidationType() == DataValidationConstraint.ValidationType.INTEGER
                                ? "whole number"
                                : "number");
            }
        }
        return byColumn;
    }

    private static byte[] edited(String table, Consumer<Workbook> edit) throws IOException {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(TableWorkbook.write(table, FILES)));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            edit.accept(workbook);
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static String names(Enum<?>[] values) {
        return String.join(",", Arrays.stream(values).map(Enum::name).toList());
    }

    @Test
    void shouldGiveBackEveryShippedTableWordForWordWhenItsWorkbookIsReadUnchanged() {
        List<String> tables =
                FILES.keySet().stream().filter(p -> p.endsWith(".csv")).toList();

        assertThat(tables)
                .hasSizeGreaterThan(15)
                .allSatisfy(table -> assertThat(
                                TableWorkbook.read(table, FILES.get(table), TableWorkbook.write(table, FILES)))
                        .as(table)
                        .isEqualTo(FILES.get(table)));
    }

    @Test
    void shouldOfferEachColumnsAllowedValuesFromItsTypeAsADropDown() throws IOException {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(TableWorkbook.write(MATRIX, FILES)))) {
            assertThat(validations(workbook, "minimum-vetting"))
                    .containsExactly(
                            Map.entry("codeword", "YES,NO,ANY"),
                            Map.entry("frequency", "OCCASIONAL,REGULAR,ANY"),
                            Map.entry("marking", names(Marking.values()) + ",ANY"),
                            Map.entry("requires", names(VettingLevel.values())));
            assertThat(workbook.isSheetHidden(workbook.getSheetIndex(TableWorkbook.LISTS_SHEET)))
                    .isTrue();
        }
    }

    @Test
    void shouldOfferTheRolesThatNeedToKnowDefinesAndCheckNumbersAsNumbers() throws IOException {
        String roles = String.join(
                ",",
                CsvTable.parse("needtoknow/need-to-know.csv", FILES.get("needtoknow/need-to-know.csv")).rows().stream()
                        .map(r -> r.get("role"))
                        .toList());
        try (Workbook profiles = new XSSFWorkbook(
                        new ByteArrayInputStream(TableWorkbook.write("assessment/role-profiles.csv", FILES)));
                Workbook costs = new XSSFWorkbook(
                        new ByteArrayInputStream(TableWorkbook.write("assessment/vetting-costs.csv", FILES)))) {
            assertThat(validations(profiles, "role-profiles"))
                    .containsEntry("role", roles)
                    .doesNotContainKeys("note", "source");
            assertThat(validations(costs, "vetting-costs"))
                    .containsEntry("costMin", "whole number")
                    .containsEntry("level", names(VettingLevel.values()));
        }
    }

    @Test
    void shouldFreezeTheHeaderRowBelowTheCommentLines() throws IOException {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(TableWorkbook.write(MATRIX, FILES)))) {
            Sheet sheet = workbook.getSheet("minimum-vetting");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("# Minimum national vetting");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("marking");
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 4);
            assertThat(sheet.getRow(3).getCell(3).getCellComment().getString().getString())
                    .startsWith("Type: VettingLevel");
        }
    }

    @Test
    void shouldReadAChangedCellBackAsTheSameEditOfTheCsv() throws IOException {
        int secretRegular = List.of(FILES.get(MATRIX).split("\n"))
                .indexOf(FILES.get(MATRIX)
                        .lines()
                        .filter(l -> l.startsWith("SECRET,REGULAR,ANY,SC,"))
                        .findFirst()
                        .orElseThrow());
        byte[] workbook = edited(
                MATRIX,
                w -> w.getSheet("minimum-vetting")
                        .getRow(secretRegular)
                        .getCell(3)
                        .setCellValue("BPSS"));

        String csv = TableWorkbook.read(MATRIX, FILES.get(MATRIX), workbook);

        assertThat(csv).isEqualTo(FILES.get(MATRIX).replace("SECRET,REGULAR,ANY,SC,", "SECRET,REGULAR,ANY,BPSS,"));
    }

    @Test
    void shouldReadARowAddedInExcelAsANewLineOfTheTable() throws IOException {
        byte[] workbook = edited(MATRIX, w -> {
            Sheet sheet = w.getSheet("minimum-vetting");
            Row row = sheet.createRow(sheet.getLastRowNum() + 1);
            List.of("CONFIDENTIAL", "ANY", "YES", "DV", "Codeword CONFIDENTIAL material needs DV, say.", "A test")
                    .forEach(value ->
                            row.createCell(row.getPhysicalNumberOfCells()).setCellValue(value));
        });

        String csv = TableWorkbook.read(MATRIX, FILES.get(MATRIX), workbook);

        assertThat(csv)
                .isEqualTo(FILES.get(MATRIX)
                        + "CONFIDENTIAL,ANY,YES,DV,\"Codeword CONFIDENTIAL material needs DV, say.\",A test\n");
    }

    @Test
    void shouldKeepANumberTypedIntoATableAsItsDigits() throws IOException {
        byte[] workbook = edited("assessment/vetting-costs.csv", w -> {
            Row row = w.getSheet("vetting-costs")
                    .getRow(w.getSheet("vetting-costs").getLastRowNum());
            row.getCell(2).setCellValue(1500);
        });

        String csv =
                TableWorkbook.read("assessment/vetting-costs.csv", FILES.get("assessment/vetting-costs.csv"), workbook);

        String last = csv.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last.split(",")[2]).isEqualTo("1500");
    }

    @Test
    void shouldRefuseAFileThatIsNotAWorkbookSayingSo() {
        assertThatThrownBy(() -> TableWorkbook.read(
                        MATRIX, FILES.get(MATRIX), FILES.get(MATRIX).getBytes()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The file for vetting/minimum-vetting.csv is not an Excel workbook");
    }

    @Test
    void shouldRefuseAWorkbookOfAnotherTableNamingTheSheetItNeeds() {
        byte[] other = TableWorkbook.write("vetting/force-vetting.csv", FILES);

        assertThatThrownBy(() -> TableWorkbook.read(MATRIX, FILES.get(MATRIX), other))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e).hasMessage("The workbook has no sheet 'minimum-vetting'");
                    assertThat(e.problems().get(0).message()).contains("it has force-vetting");
                });
    }

    @Test
    void shouldRefuseAWorkbookWhoseHeaderRowIsNotTheTables() throws IOException {
        byte[] workbook = edited(
                MATRIX, w -> w.getSheet("minimum-vetting").getRow(3).getCell(3).setCellValue("needs"));

        assertThatThrownBy(() -> TableWorkbook.read(MATRIX, FILES.get(MATRIX), workbook))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e).hasMessage("The header row of sheet 'minimum-vetting' is not the table's");
                    assertThat(e.problems().get(0).message())
                            .contains("it is marking, frequency, codeword, needs, explanation, source");
                    assertThat(e.problems().get(0).row()).isEqualTo(4);
                });
    }
}
