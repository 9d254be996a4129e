package io.github.directdelivery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestMessagesTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 79, 80, 81, 82, 161, 2048, 102400})
    void bodyHasExactSize(int bodySize) {
        String message = new String(TestMessages.ofBodySize(bodySize), StandardCharsets.US_ASCII);
        String body = message.substring(message.indexOf("\r\n\r\n") + 4);

        assertThat(body).hasSize(bodySize);
        assertThat(body).endsWith("\r\n");
        assertThat(body.replace("\r\n", "")).doesNotContain("\r", "\n");
        String withoutLastEnding = body.substring(0, body.length() - 2);
        for (String line : withoutLastEnding.split("\r\n", -1)) {
            assertThat(line.length()).isBetween(0, TestMessages.LINE_CONTENT);
        }
    }

    @Test
    void headerHasMessageIdAndDate() {
        String message = new String(TestMessages.ofBodySize(2048), StandardCharsets.US_ASCII);

        assertThat(message).startsWith("From: <" + TestMessages.SENDER + ">\r\n");
        assertThat(message).contains("\r\nMessage-Id: <", "\r\nDate: ");
    }

    @Test
    void fileHasSameBytesAsArray(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("message.eml");

        TestMessages.writeFile(file, 100_000);

        assertThat(Files.readAllBytes(file)).isEqualTo(TestMessages.ofBodySize(100_000));
    }

    @Test
    void bodyShorterThanCrlfIsRejected() {
        assertThatThrownBy(() -> TestMessages.ofBodySize(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
    }
}
