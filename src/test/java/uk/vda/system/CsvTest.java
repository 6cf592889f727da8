package uk.vda.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV answers open in spreadsheets: a cell is text, never a formula the spreadsheet would run. */
class CsvTest {

    @Test
    void shouldNeutraliseEveryCellASpreadsheetWouldRunAsAFormula() {
        assertThat(Csv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.cell("+1+1")).isEqualTo("'+1+1");
        assertThat(Csv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(Csv.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void shouldQuoteACellThatASemicolonOrTabLocaleWouldSplitIntoAFormula() {
        assertThat(Csv.cell("x;=cmd|' /C calc'!A0;y")).isEqualTo("\"x;=cmd|' /C calc'!A0;y\"");
        assertThat(Csv.cell("x\t=1+2")).isEqualTo("\"x\t=1+2\"");
    }

    @Test
    void shouldLeaveOrdinaryCellsAndNumbersAsTheyAre() {
        assertThat(Csv.cell("la-ce-anytown")).isEqualTo("la-ce-anytown");
        assertThat(Csv.cell(-5)).isEqualTo("-5");
        assertThat(Csv.cell(null)).isEmpty();
        assertThat(Csv.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(Csv.cell("say \"no\"")).isEqualTo("\"say \"\"no\"\"\"");
    }
}
