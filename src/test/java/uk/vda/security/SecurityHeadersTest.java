package uk.vda.security;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.vda.ApiClient;

/** Pages and API carry the same security headers; unknown API paths are 404; public health tells nothing inside. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityHeadersTest {
    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp)
                .as(response.uri().toString())
                .contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'");
        assertThat(response.headers().firstValue("Referrer-Policy"))
                .as(response.uri().toString())
                .hasValue("no-referrer");
        assertThat(response.headers().firstValue("X-Content-Type-Options"))
                .as(response.uri().toString())
                .hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options"))
                .as(response.uri().toString())
                .hasValue("DENY");
    }

    @Test
    void shouldSendTheSameSecurityHeadersOnPagesScriptsAndTheApi() throws Exception {
        HttpResponse<Void> head = api.http()
                .send(
                        api.request("/", null)
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertSecurityHeaders(head);
        for (String page : new String[] {"/", "/ask", "/audit", "/js/main.js", "/css/app.css", "/api/v1/catalogue"}) {
            HttpResponse<String> response = api.get(page, null);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertSecurityHeaders(response);
        }
        HttpResponse<String> decision =
                api.post("/api/v1/decisions", BOOTSTRAP_KEY, "application/json", ApiClient.decisionRequest());
        assertThat(decision.statusCode()).isEqualTo(200);
        assertSecurityHeaders(decision);
    }

    @Test
    void shouldAnswer404ToAnUnknownApiPathForAValidKey() throws Exception {
        HttpResponse<String> unknown = api.get("/api/v1/no-such-thing", BOOTSTRAP_KEY);
        HttpResponse<String> unknownVersion = api.get("/api/v2/decisions", BOOTSTRAP_KEY);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unknownVersion.statusCode()).isEqualTo(404);
        assertSecurityHeaders(unknown);
        assertThat(api.get("/api/v1/no-such-thing", null).statusCode())
                .as("still a key first")
                .isEqualTo(401);
    }

    @Test
    void shouldShowHealthDetailsOnlyToAKeyWithMetricsRead() throws Exception {
        HttpResponse<String> open = api.get("/actuator/health", null);

        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(json(open).get("status").asString()).isEqualTo("UP");
        assertThat(json(open).get("components").get("rules").get("status").asString())
                .isEqualTo("UP");
        assertThat(open.body()).doesNotContain("details", "H2", "database", "path", "version");
        HttpResponse<String> operator = api.get("/actuator/health", BOOTSTRAP_KEY);
        assertThat(json(operator)
                        .get("components")
                        .get("rules")
                        .get("details")
                        .get("reload")
                        .asString())
                .isNotEmpty();
    }
}
