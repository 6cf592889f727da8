package uk.vda;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests that run the whole service on a port. */
public final class ApiClient {
    public static final String BOOTSTRAP_KEY = "test-bootstrap-key";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    /** The client itself, for requests whose answer is not a string (HEAD). */
    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).GET());
    }

    public HttpResponse<String> post(String path, String key, String contentType, String body)
            throws IOException, InterruptedException {
        return send(
                request(path, key).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> delete(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).DELETE());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return key == null ? builder : builder.header("X-API-Key", key);
    }

    /** Makes a key through the admin API, as an administrator would; fails unless it is made (201). */
    public String newKey(String adminKey, String client, String... scopes) throws IOException, InterruptedException {
        String body = "{\"client\": \"" + client + "\", \"scopes\": [\"" + String.join("\", \"", scopes) + "\"]}";
        HttpResponse<String> created = post("/api/v1/admin/keys", adminKey, "application/json", body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Key not made: " + created.statusCode() + " " + created.body());
        }
        return json(created).get("key").asString();
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The request of examples/decisions/01, the chief executive asking for the SECRET CTLP. */
    public static String decisionRequest() throws IOException {
        return Files.readString(Path.of("examples/decisions/01-partner-asks-for-the-secret-ctlp.request.json"));
    }
}
