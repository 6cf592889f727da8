package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.ApiClient;

/** A table changed in Excel over the API: the same candidate, checks, tests and impact as the same edit in CSV. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "advisor.rules.hot-reload=false")
class WorkbookCandidateTest {
    private static final String MATRIX = ConfidentialNeedsSc.MATRIX;
    private static final String BOUNDARY = "workbook-boundary";

    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private byte[] download(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(api.request(path, BOOTSTRAP_KEY).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TableWorkbook.MEDIA_TYPE);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"minimum-vetting.xlsx\"");
        return response.body();
    }

    /** The workbook with regular CONFIDENTIAL access needing SC, changed as a person would: one cell. */
    private static byte[] confidentialNeedsSc(byte[] downloaded) throws Exception {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(downloaded));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.getSheet("minimum-vetting");
            for (Row row : sheet) {
                if (row.getCell(0) != null
                        && row.getCell(0).getStringCellValue().equals("CONFIDENTIAL")
                        && row.getCell(1).getStringCellValue().equals("REGULAR")) {
                    row.getCell(3).setCellValue("SC");
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private HttpResponse<String> uploadWorkbook(String path, byte[] workbook) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"label\"\r\n\r\nfrom Excel\r\n"
                        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + path
                        + "\"; filename=\"minimum-vetting.xlsx\"\r\n"
                        + "Content-Type: " + TableWorkbook.MEDIA_TYPE + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(workbook);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(api.request("/api/v1/rule-sets/candidates", BOOTSTRAP_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private JsonNode uploadCsv(String path, String text) throws Exception {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("label", "as CSV");
        body.putObject("files").put(path, text);
        HttpResponse<String> response =
                api.post("/api/v1/rule-sets/candidates", BOOTSTRAP_KEY, "application/json", body.toString());
        assertThat(response.statusCode()).isEqualTo(201);
        return json(response);
    }

    @Test
    void shouldTestATableChangedInExcelExactlyAsTheSameChangeToTheCsv() throws Exception {
        byte[] workbook =
                confidentialNeedsSc(download("/api/v1/rule-sets/active/workbooks/vetting/minimum-vetting.xlsx"));

        HttpResponse<String> fromExcel = uploadWorkbook(MATRIX, workbook);
        JsonNode asCsv = uploadCsv(MATRIX, ConfidentialNeedsSc.matrix(Path.of("rules")));

        assertThat(fromExcel.statusCode()).isEqualTo(201);
        JsonNode excel = json(fromExcel);
        assertThat(excel.get("version").asString())
                .as("the same files")
                .isEqualTo(asCsv.get("version").asString());
        assertThat(excel.get("changedFiles")).extracting(JsonNode::asString).containsExactly(MATRIX);
        assertThat(excel.get("publishable").asBoolean()).isFalse();
        assertThat(excel.get("tests").get("failed").asInt()).isPositive();
        assertThat(excel.get("tests")).isEqualTo(asCsv.get("tests"));
        assertThat(excel.get("impact").get("summary"))
                .isEqualTo(asCsv.get("impact").get("summary"));
        assertThat(excel.get("impact").get("changes").size())
                .isEqualTo(asCsv.get("impact").get("changes").size())
                .isPositive();
    }

    @Test
    void shouldRefuseAFileThatIsNotAWorkbookAsAProblemNamingTheTable() throws Exception {
        HttpResponse<String> response = uploadWorkbook(MATRIX, "marking,frequency\n".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("detail").asString())
                .isEqualTo("The file for vetting/minimum-vetting.csv is not an Excel workbook");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(MATRIX);
    }

    @Test
    void shouldRefuseAWorkbookForAFileThatIsNotALiveTable() throws Exception {
        byte[] workbook = download("/api/v1/rule-sets/active/workbooks/vetting/minimum-vetting.xlsx");

        HttpResponse<String> response = uploadWorkbook("vetting/new-table.csv", workbook);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").asString()).isEqualTo("A workbook can only replace a table");
    }

    @Test
    void shouldAnswerNotFoundForATheLiveSetDoesNotHave() throws Exception {
        assertThat(api.get("/api/v1/rule-sets/active/workbooks/vetting/clearances.xlsx", BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/rule-sets/active/workbooks/vetting/minimum-vetting.xlsx", null)
                        .statusCode())
                .isEqualTo(401);
    }
}
