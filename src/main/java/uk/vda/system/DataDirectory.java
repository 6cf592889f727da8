package uk.vda.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Keeps the embedded database's folder ({@code ./data}: the decision log, the pseudonym key, the API key hashes,
 * compiled rules) readable by the service's user only: the folder and every folder in it 700, every file 600.
 * Done before anything opens the database (the context is prepared, no bean is made yet) and again once the
 * service is up, for the files the database and the rule compiler made while starting. The folder's own mode is
 * what keeps later files private: nobody else can enter it. Registered in {@code META-INF/spring.factories}, so
 * the {@code keys} command gets it too. Nothing happens for a database that is not an H2 file, or where the file
 * system has no POSIX permissions.
 */
public final class DataDirectory implements ApplicationListener<ApplicationEvent> {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final String H2_FILE = "jdbc:h2:file:";

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        Environment environment = null;
        if (event instanceof ApplicationPreparedEvent prepared) {
            environment = prepared.getApplicationContext().getEnvironment();
        } else if (event instanceof ApplicationReadyEvent ready) {
            environment = ready.getApplicationContext().getEnvironment();
        }
        Path folder = environment == null ? null : folder(environment);
        if (folder != null) {
            secure(folder);
        }
    }

    /** The folder holding the H2 database file, or null for any other database. */
    static Path folder(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith(H2_FILE)) {
            return null;
        }
        String file = url.substring(H2_FILE.length()).split(";", 2)[0];
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        return Path.of(file).toAbsolutePath().normalize().getParent();
    }

    /** Makes the folder if needed and closes it and everything in it to other users. */
    static void secure(Path folder) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            }
            Files.setPosixFilePermissions(folder, FOLDER);
            try (Stream<Path> inside = Files.walk(folder)) {
                for (Path path : (Iterable<Path>) inside::iterator) {
                    try {
                        if (!Files.isSymbolicLink(path)) {
                            Files.setPosixFilePermissions(path, Files.isDirectory(path) ? FOLDER : FILE);
                        }
                    } catch (NoSuchFileException gone) {
                        // a temporary file the database removed meanwhile
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The data folder " + folder + " cannot be made private to this user", e);
        }
    }
}
