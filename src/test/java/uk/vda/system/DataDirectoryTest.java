package uk.vda.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded database is no door: the service opens its H2 file with the shipped settings, no TCP server comes
 * with it, and the data folder and every file in it are the service user's alone.
 */
@SpringBootTest
class DataDirectoryTest {
    private static final Path ROOT =
            Path.of("target", "data-directory-" + ProcessHandle.current().pid()).toAbsolutePath();
    private static final Path DATA = ROOT.resolve("data");

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        // a folder the default umask made readable by everyone, as an old installation has
        Files.createDirectories(
                DATA, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(DATA, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(DATA.resolve("old-notes.txt"), "left over");
        Files.setPosixFilePermissions(DATA.resolve("old-notes.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        String shipped = shippedDatabaseUrl();
        registry.add("spring.datasource.url", () -> shipped.replace("./data", DATA.toString()));
        registry.add(
                "advisor.rules.compiled", () -> DATA.resolve("compiled-rules").toString());
    }

    @AfterAll
    static void clean() throws IOException {
        try (Stream<Path> paths = Files.walk(ROOT)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private static String shippedDatabaseUrl() throws IOException {
        return new YamlPropertySourceLoader()
                .load("shipped", new ClassPathResource("application.yml"))
                .get(0)
                .getProperty("spring.datasource.url")
                .toString();
    }

    @Test
    void shouldOpenTheShippedH2FileWithoutAnyServerOnAPort() throws IOException {
        String url = shippedDatabaseUrl();
        assertThat(url).startsWith("jdbc:h2:file:./data/").doesNotContainIgnoringCase("AUTO_SERVER");
        assertThat(jdbc.queryForObject("select count(*) from api_key", Integer.class))
                .isNotNull();

        // H2's AUTO_SERVER writes the address of the TCP server it opened into a lock file beside the database
        try (Stream<Path> files = Files.list(DATA)) {
            for (Path lock : files.filter(f -> f.getFileName().toString().endsWith(".lock.db"))
                    .toList()) {
                assertThat(Files.readString(lock)).doesNotContain("server=");
            }
        }
    }

    @Test
    void shouldMakeTheDataFolderAndEveryFileInItReadableByTheServiceUserOnly() throws IOException {
        assertThat(Files.list(DATA).map(p -> p.getFileName().toString()).toList())
                .contains("advisor.mv.db", "compiled-rules");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA)))
                .isEqualTo("rwx------");
        List<Path> inside;
        try (Stream<Path> paths = Files.walk(DATA)) {
            inside = paths.filter(p -> !p.equals(DATA)).toList();
        }
        assertThat(inside)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                        .as(p.toString())
                        .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
    }

    @Test
    void shouldMakeAMissingDataFolderPrivateFromTheStart(@TempDir Path temp) throws IOException {
        Path fresh = temp.resolve("new").resolve("data");

        DataDirectory.secure(fresh);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .isEqualTo("rwx------");
    }
}
