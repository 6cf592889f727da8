package uk.vda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A rules folder laid out as Kubernetes mounts a ConfigMap: each entry is a symbolic link into {@code ..data},
 * itself a link to a timestamped folder holding the files; an update writes a new timestamped folder, points a
 * new link at it, renames that link over {@code ..data} in one step and deletes the old folder.
 */
public final class ConfigMapFolder {
    private final Path mount;
    private int generation;

    private ConfigMapFolder(Path mount) {
        this.mount = mount;
    }

    /** A mount at {@code mount} (created) holding a copy of every file of {@code rules}. */
    public static ConfigMapFolder of(Path rules, Path mount) {
        ConfigMapFolder folder = new ConfigMapFolder(mount);
        try {
            Files.createDirectories(mount);
            Path first = folder.write(read(rules));
            Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
            try (Stream<Path> entries = Files.list(first)) {
                for (Path entry : entries.toList()) {
                    Files.createSymbolicLink(
                            mount.resolve(entry.getFileName()),
                            Path.of("..data").resolve(entry.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    public Path path() {
        return mount;
    }

    /** An update as the kubelet makes it: every file of the new version at once, by one rename of a link. */
    public void update(Map<String, String> changes) {
        try {
            Path old = mount.resolve("..data").toRealPath();
            Map<String, String> files = read(old);
            files.putAll(changes);
            Path next = write(files);
            Path link = mount.resolve("..data_tmp");
            Files.createSymbolicLink(link, next.getFileName());
            Files.move(
                    link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> walk = Files.walk(old)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(Map<String, String> files) throws IOException {
        Path dir = mount.resolve("..2026_12_01_00_00_0" + (generation++) + ".123456789");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path p = dir.resolve(file.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, file.getValue());
        }
        return dir;
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}
