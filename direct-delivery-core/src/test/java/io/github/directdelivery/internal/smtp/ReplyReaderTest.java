package io.github.directdelivery.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.SmtpReply;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ReplyReaderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void multiLineReplyIsReadToFinalLine() throws IOException {
        SmtpReply reply = read("250-mx.example.net\r\n250-PIPELINING\r\n250 SIZE 1000\r\n");

        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.lines()).containsExactly("mx.example.net", "PIPELINING", "SIZE 1000");
        assertThat(reply.enhancedCode()).isNull();
    }

    @Test
    void bareCodeIsCompleteReply() throws IOException {
        SmtpReply reply = read("250\r\n");

        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.lines()).containsExactly("");
    }

    @Test
    void bareLfEndsLine() throws IOException {
        assertThat(read("354 go\n").code()).isEqualTo(354);
    }

    @Test
    void enhancedCodeStrippedFromEveryLine() throws IOException {
        SmtpReply reply = read("550-5.1.1 no such user\r\n550 5.1.1 see the docs\r\n");

        assertThat(reply.enhancedCode()).hasToString("5.1.1");
        assertThat(reply.lines()).containsExactly("no such user", "see the docs");
        assertThat(reply).hasToString("550 5.1.1 no such user see the docs");
    }

    @Test
    void enhancedCodeOfOtherClassIsText() throws IOException {
        SmtpReply reply = read("250 5.1.1 odd\r\n");

        assertThat(reply.enhancedCode()).isNull();
        assertThat(reply.lines()).containsExactly("5.1.1 odd");
    }

    @Test
    void unknownCodesAreKeptForClassification() throws IOException {
        assertThat(read("299 fine\r\n").isPositive()).isTrue();
        assertThat(read("477 later\r\n").isTransientFailure()).isTrue();
        assertThat(read("599 never\r\n").isPermanentFailure()).isTrue();
    }

    @Test
    void consecutiveRepliesAreReadSeparately() throws IOException {
        ReplyReader reader = reader("250 first\r\n354 second\r\n");

        assertThat(reader.read(TIMEOUT).code()).isEqualTo(250);
        assertThat(reader.read(TIMEOUT).code()).isEqualTo(354);
    }

    @Test
    void malformedLinesAreProtocolErrors() {
        assertProtocolError("abc\r\n", "does not start with a reply code");
        assertProtocolError("25\r\n", "does not start with a reply code");
        assertProtocolError("150 old\r\n", "does not start with a reply code");
        assertProtocolError("250x\r\n", "no space or hyphen");
        assertProtocolError("250-a\r\n251 b\r\n", "different codes");
    }

    @Test
    void limitsStopHostileServer() {
        assertProtocolError("250 " + "x".repeat(ReplyReader.MAX_LINE_LENGTH) + "\r\n", "longer than 2048 octets");
        assertProtocolError("250-x\r\n".repeat(ReplyReader.MAX_LINES + 1) + "250 x\r\n", "more than 100 lines");
    }

    @Test
    void longestAllowedLineAndLineCountAreAccepted() throws IOException {
        String longest = "250 " + "x".repeat(ReplyReader.MAX_LINE_LENGTH - 4) + "\r\n";
        assertThat(read(longest).code()).isEqualTo(250);
        assertThat(read("250-x\r\n".repeat(ReplyReader.MAX_LINES - 1) + "250 x\r\n")
                        .lines())
                .hasSize(100);
    }

    @Test
    void endOfStreamBeforeFinalLineIsEof() {
        assertThatThrownBy(() -> read("250-more to come\r\n")).isInstanceOf(EOFException.class);
    }

    @Test
    void replySplitIntoSingleBytesIsReadWhole() throws IOException {
        InputStream oneByteAtATime =
                new ByteArrayInputStream("220-a\r\n220 b\r\n".getBytes(StandardCharsets.US_ASCII)) {
                    @Override
                    public synchronized int read(byte[] target, int offset, int length) {
                        return super.read(target, offset, Math.min(1, length));
                    }
                };
        ReplyReader reader = new ReplyReader(oneByteAtATime, millis -> {}, line -> {});

        assertThat(reader.read(TIMEOUT).lines()).containsExactly("a", "b");
    }

    @Property(tries = 500)
    void randomInputParsesOrRaisesOwnErrors(@ForAll("serverBytes") byte[] input) {
        ReplyReader reader = new ReplyReader(new ByteArrayInputStream(input), millis -> {}, line -> {});
        try {
            while (true) {
                SmtpReply reply = reader.read(TIMEOUT);
                assertThat(reply.code()).isBetween(200, 599);
            }
        } catch (SmtpProtocolException | EOFException e) {
            // The two outcomes allowed besides a reply: a protocol error, or the input ended.
        } catch (IOException e) {
            throw new AssertionError("unexpected exception", e);
        }
    }

    @Provide
    Arbitrary<byte[]> serverBytes() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("250", "250 ok", "250-a", "550 5.1.1 x", "354 ", "421-", "2", "25a", "", "999 x"),
                Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> separator = Arbitraries.of("\r\n", "\n", "\r", "");
        return line.list()
                .ofMaxSize(8)
                .flatMap(lines -> separator.list().ofSize(lines.size()).map(separators -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < lines.size(); i++) {
                        text.append(lines.get(i)).append(separators.get(i));
                    }
                    return text.toString().getBytes(StandardCharsets.UTF_8);
                }));
    }

    @Property(tries = 200)
    void randomBytesParseOrRaiseOwnErrors(@ForAll byte[] input) {
        randomInputParsesOrRaisesOwnErrors(input);
    }

    private static SmtpReply read(String text) throws IOException {
        return reader(text).read(TIMEOUT);
    }

    private static ReplyReader reader(String text) {
        List<String> seen = new ArrayList<>();
        return new ReplyReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), millis -> {}, seen::add);
    }

    private static void assertProtocolError(String text, String message) {
        assertThatThrownBy(() -> read(text))
                .isInstanceOf(SmtpProtocolException.class)
                .hasMessageContaining(message);
    }
}
