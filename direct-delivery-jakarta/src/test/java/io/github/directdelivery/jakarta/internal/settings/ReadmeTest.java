package io.github.directdelivery.jakarta.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's property table documents exactly the properties the transport reads. */
class ReadmeTest {

    private static final String SECTION = "## Switching a Jakarta Mail application to direct delivery";

    @Test
    void propertyTableListsEveryProperty() throws Exception {
        // Surefire runs tests in the module directory, below the repository root.
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf(SECTION);
        assertThat(start).as("README section").isNotNegative();
        int end = readme.indexOf("\n## ", start + SECTION.length());
        String section = end < 0 ? readme.substring(start) : readme.substring(start, end);

        for (String key : MxProperty.keys()) {
            assertThat(section).as("README row for %s", key).contains("`" + key + "`");
        }
        assertThat(section.lines().filter(line -> line.startsWith("| `mail.mx.")))
                .allSatisfy(line -> assertThat(
                                line.substring(2, line.indexOf('|', 2)).split(", "))
                        .allSatisfy(documented -> assertThat(MxProperty.keys())
                                .contains(documented.trim().replace("`", ""))));
    }
}
