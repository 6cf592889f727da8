package uk.vda.vetting;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.ApiClient;

/**
 * A roster as spreadsheets really save it: byte-order mark, old Mac line ends, other encodings, formulas, quoted
 * cells with commas, quotes and line breaks, and identifiers that start with {@code #}. A problem names the row a
 * spreadsheet shows (the header is row 1; a cell with a line break does not add a row).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RosterCsvTest {
    private static final String HEADER = "personId,roles,organisation,requestedVetting,held,accessProfile,asOf";
    private static final String CE = "anytown-ce,LA_CHIEF_EXECUTIVE,LOCAL_AUTHORITY,SC,BPSS:VERIFIED,,2026-11-28";
    private static final String COORDINATOR =
            "anytown-prevent-coordinator,LA_PREVENT_COORDINATOR,LOCAL_AUTHORITY,SC,BPSS:VERIFIED,,2026-11-28";

    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private HttpResponse<String> upload(byte[] csv, String accept) throws Exception {
        return api.send(api.request("/api/v1/vetting-assessments/roster", BOOTSTRAP_KEY)
                .header("Content-Type", "text/csv")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldAcceptTheByteOrderMarkSpreadsheetsWriteForCsvUtf8() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        csv.write(utf8(HEADER + "\r\n" + CE + "\r\n"));

        HttpResponse<String> response = upload(csv.toByteArray(), "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("results").get(0).get("personId").asString())
                .isEqualTo("anytown-ce");
        assertThat(json(response)
                        .get("results")
                        .get(0)
                        .get("assessment")
                        .get("verdict")
                        .asString())
                .isEqualTo("UNNECESSARY");
    }

    @Test
    void shouldReadLinesThatEndInACarriageReturnOnly() throws Exception {
        HttpResponse<String> response =
                upload(utf8(HEADER + "\r" + CE + "\r" + COORDINATOR + "\r"), "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("results"))
                .extracting(r -> r.get("personId").asString())
                .containsExactly("anytown-ce", "anytown-prevent-coordinator");
    }

    @Test
    void shouldRefuseAFileThatIsNotUtf8NamingItsLine() throws Exception {
        // "café" in Windows-1252, as a spreadsheet saving "CSV" (not "CSV UTF-8") writes it, on the third line
        byte[] latin1 = (HEADER + "\n" + CE
                        + "\ncaf\u00e9-1,LA_CHIEF_EXECUTIVE,LOCAL_AUTHORITY,SC,BPSS:VERIFIED,,2026-11-28\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = upload(latin1, "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("(csv)");
        assertThat(error.get("row").asInt()).isEqualTo(3);
        assertThat(error.get("message").asString()).contains("not UTF-8").contains("0xe9");
        assertThat(response.body()).doesNotContain("\uFFFD");
    }

    @Test
    void shouldRefuseAHeaderThatNamesAColumnTwice() throws Exception {
        HttpResponse<String> response = upload(utf8(HEADER + ",roles\n" + CE + ",NEPO\n"), "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("roles");
        assertThat(error.get("row").asInt()).isEqualTo(1);
        assertThat(error.get("message").asString()).isEqualTo("the header names 'roles' more than once");
    }

    @Test
    void shouldAnswerCsvWhoseCellsASpreadsheetCannotRunAsFormulas() throws Exception {
        String csv = HEADER + "\n" + CE.replace("anytown-ce", "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")
                + "\n" + COORDINATOR.replace("anytown-prevent-coordinator", "@SUM(1+1)") + "\n";

        HttpResponse<String> response = upload(utf8(csv), "text/csv");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(3);
        // the one-sentence summary stands second: it starts with words, never with a formula
        assertThat(lines.get(1))
                .startsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",\"No — ")
                .contains("\",SC,BPSS,");
        assertThat(lines.get(2)).startsWith("'@SUM(1+1),\"No — ").contains("\",SC,BPSS,");
        assertThat(lines.stream().skip(1))
                .noneMatch(l -> l.startsWith("=") || l.startsWith("@") || l.startsWith("\"="));
    }

    @Test
    void shouldReadAQuotedCellThatHoldsLineBreaksCommasAndQuotes() throws Exception {
        String oneLine = HEADER
                + "\nanalyst-1,INTELLIGENCE_ANALYST;LA_PREVENT_COORDINATOR,LOCAL_AUTHORITY,SC,BPSS:VERIFIED,,2026-11-28\n";
        // Alt+Enter between the two roles in a spreadsheet cell; a personId with a comma and quotes
        String multiLine = HEADER + "\n\"smith, j \"\"jo\"\"\",\"INTELLIGENCE_ANALYST;\r\nLA_PREVENT_COORDINATOR\","
                + "LOCAL_AUTHORITY,SC,BPSS:VERIFIED,,2026-11-28\n";
        String firstRoleOnly =
                HEADER + "\nanalyst-1,INTELLIGENCE_ANALYST,LOCAL_AUTHORITY,SC,BPSS:VERIFIED,,2026-11-28\n";

        HttpResponse<String> response = upload(utf8(multiLine), "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = json(response).get("results").get(0);
        assertThat(result.get("personId").asString()).isEqualTo("smith, j \"jo\"");
        assertThat(withoutId(result.get("assessment")))
                .isEqualTo(withoutId(assessment(oneLine)))
                .isNotEqualTo(withoutId(assessment(firstRoleOnly)));
    }

    @Test
    void shouldAssessARowWhosePersonIdStartsWithAHash() throws Exception {
        HttpResponse<String> response = upload(
                utf8(HEADER + "\n" + CE.replace("anytown-ce", "#42") + "\n" + "# 7,"
                        + COORDINATOR.substring(COORDINATOR.indexOf(',') + 1) + "\n"),
                "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("results"))
                .extracting(r -> r.get("personId").asString())
                .containsExactly("#42", "# 7");
        assertThat(json(response).get("summary").get("people").asInt()).isEqualTo(2);
    }

    @Test
    void shouldReadAByteOrderMarkBeforeAQuotedHeader() throws Exception {
        String quotedHeader = "\"" + HEADER.replace(",", "\",\"") + "\"";

        HttpResponse<String> response =
                upload(utf8("\uFEFF" + quotedHeader + "\r\n" + CE + "\r\n"), "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("results").get(0).get("personId").asString())
                .isEqualTo("anytown-ce");
    }

    @Test
    void shouldNameTheSpreadsheetRowOfAProblemAfterACellWithALineBreak() throws Exception {
        // row 2 spans three lines of the file, row 3 is empty (as a spreadsheet saves a formatted empty row),
        // row 4 is wrong: a spreadsheet shows it as row 4, the file has it on line 6
        String csv = HEADER + "\n"
                + "anytown-ce,\"LA_CHIEF_EXECUTIVE;\nCHANNEL_PANEL_MEMBER\n\",LOCAL_AUTHORITY,SC,BPSS:VERIFIED,,2026-11-28\n"
                + ",,,,,,\n" + COORDINATOR.replace("LOCAL_AUTHORITY", "COUNCIL") + "\n";

        HttpResponse<String> response = upload(utf8(csv), "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode errors = json(response).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("organisation");
        assertThat(errors.get(0).get("rejected").asString()).isEqualTo("COUNCIL");
        assertThat(errors.get(0).get("allowed")).extracting(JsonNode::asString).contains("LOCAL_AUTHORITY", "POLICE");
        assertThat(errors.get(0).get("row").asInt()).isEqualTo(4);
        assertThat(json(response).get("detail").asString()).endsWith("(row 4, organisation)");
    }

    @Test
    void shouldRefuseAQuotedCellThatIsNeverClosedNamingItsRow() throws Exception {
        HttpResponse<String> response = upload(
                utf8(HEADER + "\n" + CE + "\n\"unclosed,NEPO,POLICE\n" + COORDINATOR + "\n"), "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("(csv)");
        assertThat(error.get("row").asInt()).isEqualTo(3);
        assertThat(error.get("message").asString()).isEqualTo("the CSV cannot be read: a quoted cell is not closed");
    }

    @Test
    void shouldListEveryRowWithMoreCellsThanTheHeader() throws Exception {
        HttpResponse<String> response = upload(
                utf8(HEADER + "\n" + CE + ",extra\n" + COORDINATOR + "\n" + CE + ",,more\n"), "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = json(response).get("errors");
        assertThat(errors).extracting(e -> e.get("row").asInt()).containsExactly(2, 4);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("(csv)");
        assertThat(errors.get(0).get("message").asString()).isEqualTo("row has 8 cells but the header names 7 columns");
    }

    @Test
    void shouldNameTheSpreadsheetRowOfABadByteAfterACellWithALineBreak() throws Exception {
        byte[] latin1 = (HEADER + "\n\"anytown\nce\",LA_CHIEF_EXECUTIVE,LOCAL_AUTHORITY,SC,BPSS:VERIFIED,,2026-11-28\n"
                        + "caf\u00e9-1,LA_CHIEF_EXECUTIVE,LOCAL_AUTHORITY,SC,BPSS:VERIFIED,,2026-11-28\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = upload(latin1, "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("row").asInt()).isEqualTo(3);
    }

    private JsonNode assessment(String csv) throws Exception {
        HttpResponse<String> response = upload(utf8(csv), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("results").get(0).get("assessment");
    }

    private static JsonNode withoutId(JsonNode assessment) {
        ObjectNode copy = (ObjectNode) assessment.deepCopy();
        copy.remove("assessmentId");
        return copy;
    }
}
