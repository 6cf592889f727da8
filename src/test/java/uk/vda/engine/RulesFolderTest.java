package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vda.ConfigMapFolder;

/** The rules folder as operators mount it: a symbolic link, or a Kubernetes ConfigMap of links. */
class RulesFolderTest {
    private static final Path SHIPPED = Path.of("rules");

    @TempDir
    Path temp;

    @Test
    void shouldReadTheSameFilesThroughALinkToTheRulesFolder() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("rules"), SHIPPED.toAbsolutePath());

        assertThat(RuleSetCompiler.read(link)).isEqualTo(ShippedRules.FILES);
    }

    @Test
    void shouldReadAConfigMapMountAsTheFilesItHoldsWithoutKubernetesOwnFolders() {
        ConfigMapFolder mount = ConfigMapFolder.of(SHIPPED, temp.resolve("mount"));

        Map<String, String> files = RuleSetCompiler.read(mount.path());

        assertThat(files).isEqualTo(ShippedRules.FILES);
        assertThat(RuleSetCompiler.version(files)).isEqualTo(RuleSetCompiler.version(ShippedRules.FILES));
    }

    @Test
    void shouldReadTheNewVersionWholeAfterTheDataLinkIsSwapped() {
        ConfigMapFolder mount = ConfigMapFolder.of(SHIPPED, temp.resolve("mount"));

        mount.update(Map.of("README.md", "changed", "vetting/new-notes.md", "added"));

        Map<String, String> files = RuleSetCompiler.read(mount.path());
        assertThat(files)
                .containsEntry("README.md", "changed")
                .containsEntry("vetting/new-notes.md", "added")
                .hasSize(ShippedRules.FILES.size() + 1);
        assertThat(files.keySet()).noneMatch(path -> path.contains(".."));
    }

    @Test
    void shouldStartAnEngineOverAConfigMapMount() {
        ConfigMapFolder mount = ConfigMapFolder.of(SHIPPED, temp.resolve("mount"));

        assertThat(PolicyEngine.over(mount.path()).ruleSet().version())
                .isEqualTo(RuleSetCompiler.version(ShippedRules.FILES));
    }
}
