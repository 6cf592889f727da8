package uk.vda.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import uk.vda.ApiClient;
import uk.vda.TestRules;

/**
 * The packaged jar, started once for all browser tests on a random local port, in a folder of its own with a
 * copy of {@code rules/} and its own H2 database, so nothing a test publishes touches the project's files.
 */
final class PackagedApp {
    static final String ADMIN_KEY = "browser-test-" + UUID.randomUUID();
    private static PackagedApp instance;

    final int port;
    final Path home;
    final ApiClient api;
    private final Process process;

    private PackagedApp(int port, Path home, Process process) {
        this.port = port;
        this.home = home;
        this.process = process;
        this.api = new ApiClient(port);
    }

    static synchronized PackagedApp get() {
        if (instance == null) {
            try {
                instance = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static PackagedApp start() throws IOException, InterruptedException {
        Path jar = Paths.get(System.getProperty("advisor.jar", "target/vetting-advisor-0.1.0-SNAPSHOT.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged jar at " + jar + ": run the browser tests with mvn verify");
        }
        Path home =
                Files.createDirectories(Paths.get("target", "browser-tests")).toAbsolutePath();
        Path work = Files.createTempDirectory(home, "app-");
        TestRules.copyInto(work.resolve("rules"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("app.log").toFile());
        builder.environment().put("ADVISOR_BOOTSTRAP_API_KEY", ADMIN_KEY);
        Process process = builder.start();
        PackagedApp app = new PackagedApp(port, work, process);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service stopped while starting; see " + work.resolve("app.log")
                        + ":\n" + Files.readString(work.resolve("app.log")));
            }
            try {
                HttpResponse<String> health =
                        app.api.send(HttpRequest.newBuilder(URI.create(app.url("/actuator/health"))));
                if (health.statusCode() == 200) {
                    return app;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroy();
        throw new IllegalStateException(
                "The service did not become healthy within 120 s; see " + work.resolve("app.log"));
    }
}
