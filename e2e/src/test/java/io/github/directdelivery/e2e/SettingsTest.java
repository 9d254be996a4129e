package io.github.directdelivery.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void defaultsAreRelativeToTheRepository() {
        Settings settings = Settings.parse(new String[0], Map.of());

        assertThat(settings.peersEnv()).isEqualTo(Path.of("/var/tmp/direct-delivery-e2e-peers/peers.env"));
        assertThat(settings.fixtures()).isEqualTo(Path.of("../shared/corpus/mail-fixtures"));
        assertThat(settings.cliJar()).isEqualTo(Path.of("samples/cli/target/direct-delivery-cli.jar"));
        assertThat(settings.ci()).isFalse();
    }

    @Test
    void environmentAndOptionsOverrideTheDefaults() {
        Settings settings = Settings.parse(
                new String[] {"--cli-jar", "/opt/cli.jar", "--peers-env", "/run/peers.env"},
                Map.of("E2E_CORPUS_DIR", "/data/corpus", "CI", "true"));

        assertThat(settings.corpus()).isEqualTo(Path.of("/data/corpus"));
        assertThat(settings.cliJar()).isEqualTo(Path.of("/opt/cli.jar"));
        assertThat(settings.peersEnv()).isEqualTo(Path.of("/run/peers.env"));
        assertThat(settings.ci()).isTrue();
    }

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> Settings.parse(new String[] {"--verbose", "yes"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown option --verbose");
    }

    @Test
    void missingInputsAreNamed(@TempDir Path directory) throws IOException {
        Settings settings = Settings.parse(
                new String[] {"--peers-env", directory.resolve("peers.env").toString()},
                Map.of("E2E_CORPUS_DIR", directory.toString()));

        List<String> missing = settings.missingInputs();

        assertThat(missing).hasSize(3);
        assertThat(missing.get(0)).startsWith("the peers are not running");
        assertThat(missing.get(1)).startsWith("the message corpus is missing");
        assertThat(missing.get(2)).startsWith("the command line jar is missing");

        Files.createDirectory(directory.resolve("mail-fixtures"));
        Files.createFile(directory.resolve("peers.env"));
        assertThat(settings.missingInputs()).hasSize(1);
    }

    @Test
    void corpusListsEveryFileButTheLicence(@TempDir Path directory) throws IOException {
        Files.createDirectories(directory.resolve("plain"));
        Files.writeString(directory.resolve("LICENSE"), "licence");
        Files.writeString(directory.resolve("plain/b.eml"), "b");
        Files.createFile(directory.resolve("empty"));
        Files.writeString(directory.resolve("a.eml"), "a");

        assertThat(CorpusDelivery.messages(directory))
                .containsExactly(
                        directory.resolve("a.eml"), directory.resolve("empty"), directory.resolve("plain/b.eml"));
    }
}
