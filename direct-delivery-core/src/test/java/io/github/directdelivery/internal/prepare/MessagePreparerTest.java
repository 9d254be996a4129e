package io.github.directdelivery.internal.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.InvalidMessageException;
import io.github.directdelivery.MessageSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessagePreparerTest {

    private final MessagePreparer preparer = new MessagePreparer(
            Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC),
            new SplittableRandom(7),
            "mail.example.com");

    private static final String COMPLETE = "Message-ID: <1@example.com>\r\nDate: Sun, 1 Mar 2026 10:00:00 +0000\r\n";

    @Test
    void bccAndResentBccAreRemovedWithTheirContinuationLines() throws IOException {
        String message = COMPLETE + "To: a@example.org\r\nBcc: secret@example.net,\r\n other@example.net\r\n"
                + "Resent-Bcc: x@example.net\r\nbcc : lower@example.net\r\nSubject: hi\r\n\r\nBcc: in the body\r\n";

        assertThat(prepare(message))
                .isEqualTo(COMPLETE + "To: a@example.org\r\nSubject: hi\r\n\r\nBcc: in the body\r\n");
    }

    @Test
    void missingMessageIdAndDateAreAddedAtTheEndOfTheHeader() throws IOException {
        String prepared = prepare("Subject: hi\r\n\r\nbody\r\n");

        assertThat(prepared)
                .matches("Subject: hi\r\nMessage-ID: <\\d+\\.[0-9a-f]{32}@mail\\.example\\.com>\r\n"
                        + "Date: Sun, 1 Mar 2026 10:15:30 \\+0000\r\n\r\nbody\r\n");
    }

    @Test
    void presentMessageIdAndDateAreKeptInAnyCase() throws IOException {
        String message = "message-id: <2@example.com>\nDATE: Sun, 1 Mar 2026 10:00:00 +0000\n\nbody\n";

        assertThat(prepare(message))
                .isEqualTo("message-id: <2@example.com>\r\nDATE: Sun, 1 Mar 2026 10:00:00 +0000\r\n\r\nbody\n");
    }

    @Test
    void leadingMboxSeparatorIsDropped() throws IOException {
        String message = "From sender@example.com Sun Mar  1 10:00:00 2026\n" + COMPLETE + "\r\nbody\r\n";

        assertThat(prepare(message)).isEqualTo(COMPLETE + "\r\nbody\r\n");
    }

    @Test
    void fromHeaderFieldIsNotMistakenForAnMboxSeparator() throws IOException {
        String message = "From: sender@example.com\r\n" + COMPLETE + "\r\nbody\r\n";

        assertThat(prepare(message)).isEqualTo(message);
    }

    @Test
    void fromFieldWithBlanksBeforeTheColonIsNotAnMboxSeparator() throws IOException {
        String message = "From  : John Doe <jdoe@machine.example>\r\n" + COMPLETE + "\r\nbody\r\n";

        assertThat(prepare(message)).isEqualTo(message);
    }

    @Test
    void messageWithoutHeaderGetsHeaderAndSeparatorLine() throws IOException {
        String prepared = prepare("just a line of text\r\n");

        assertThat(prepared).startsWith("Message-ID: <").endsWith("+0000\r\n\r\njust a line of text\r\n");
    }

    @Test
    void singleLineWithoutLineEndingIsNotEmpty() throws IOException {
        assertThat(prepare("hello")).endsWith("\r\n\r\nhello");
    }

    @Test
    void malformedHeaderLineEndsTheHeaderAndPassesThrough() throws IOException {
        String message = COMPLETE + "Subject: hi\r\nthis is not a header\r\n\r\nbody\r\n";

        assertThat(prepare(message)).isEqualTo(message);
    }

    @Test
    void headerOnlyMessageWithoutFinalLineEndingIsCompleted() throws IOException {
        assertThat(prepare(COMPLETE + "Subject: hi")).isEqualTo(COMPLETE + "Subject: hi\r\n");
    }

    @Test
    void emptyMessageIsRejected() {
        assertThatThrownBy(() -> prepare(""))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("The message is empty");
    }

    @Test
    void messageOfOnlyAnMboxSeparatorIsRejectedAsEmpty() {
        assertThatThrownBy(() -> prepare("From sender@example.com Sun Mar  1 10:00:00 2026\n"))
                .isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void oversizedHeaderSectionIsRejected() {
        String huge = "X-Filler: " + "a".repeat(HeaderSection.MAX_BYTES) + "\r\n\r\nbody";

        assertThatThrownBy(() -> prepare(huge))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("header section is larger than");
    }

    @Test
    void preparedMessageCanBeReadTwiceWithTheSameBytes() throws IOException {
        MessageSource prepared = preparer.prepare(MessageSource.ofString("Subject: hi\r\n\r\nbody\r\n"));

        assertThat(read(prepared)).isEqualTo(read(prepared));
    }

    private String prepare(String message) throws IOException {
        return read(preparer.prepare(MessageSource.ofString(message)));
    }

    private static String read(MessageSource source) throws IOException {
        try (InputStream in = source.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
