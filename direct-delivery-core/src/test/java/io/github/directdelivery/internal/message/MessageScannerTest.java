package io.github.directdelivery.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.MessageSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MessageScannerTest {

    private static MessageFacts scan(String text) throws IOException {
        return MessageScanner.scan(MessageSource.ofBytes(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sizeCountsNormalisedBytes() throws IOException {
        MessageFacts facts = scan("Subject: a\n\nbody");

        assertThat(facts.size()).isEqualTo("Subject: a\r\n\r\nbody\r\n".length());
        assertThat(facts.eightBit()).isFalse();
        assertThat(facts.nonAsciiHeaders()).isFalse();
        assertThat(facts.longestLine()).isEqualTo(10);
    }

    @Test
    void eightBitBodyIsNotNonAsciiHeader() throws IOException {
        MessageFacts facts = scan("Subject: a\r\n\r\ngrüße\r\n");

        assertThat(facts.eightBit()).isTrue();
        assertThat(facts.nonAsciiHeaders()).isFalse();
    }

    @Test
    void utf8HeaderIsDetected() throws IOException {
        MessageFacts facts = scan("Subject: grüße\r\n\r\nhello\r\n");

        assertThat(facts.eightBit()).isTrue();
        assertThat(facts.nonAsciiHeaders()).isTrue();
    }

    @Test
    void longestLineExcludesLineEnding() throws IOException {
        MessageFacts facts = scan("a\r\n" + "b".repeat(998) + "\r\nc");

        assertThat(facts.longestLine()).isEqualTo(998);
        assertThat(facts.hasOverlongLine()).isFalse();
        assertThat(scan("x".repeat(999)).hasOverlongLine()).isTrue();
    }

    @Test
    void lineLongerThanReadBlockIsCountedWhole() throws IOException {
        String longLine = "x".repeat(20000) + "é";
        MessageFacts facts = scan("Subject: a\n\n" + longLine + "\nend\n");

        assertThat(facts.longestLine()).isEqualTo(longLine.getBytes(StandardCharsets.UTF_8).length);
        assertThat(facts.eightBit()).isTrue();
        assertThat(facts.nonAsciiHeaders()).isFalse();
    }

    @Property
    void factsMatchNormalisedText(@ForAll("messageText") String text, @ForAll @IntRange(min = 1, max = 7) int chunk)
            throws IOException {
        String normalised = text.isEmpty() ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
        if (!normalised.isEmpty() && !normalised.endsWith("\n")) {
            normalised += "\n";
        }
        String[] lines = normalised.isEmpty() ? new String[0] : normalised.split("\n", -1);
        int longest = 0;
        boolean nonAsciiHeader = false;
        boolean inHeader = true;
        for (int i = 0; i < lines.length - 1; i++) {
            int octets = lines[i].getBytes(StandardCharsets.UTF_8).length;
            longest = Math.max(longest, octets);
            nonAsciiHeader |= inHeader && octets != lines[i].length();
            inHeader &= octets > 0;
        }

        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        MessageFacts facts = MessageScanner.scan(() -> new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] target, int offset, int length) {
                return super.read(target, offset, Math.min(chunk, length));
            }
        });

        assertThat(facts.size()).isEqualTo(normalised.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8).length);
        assertThat(facts.longestLine()).isEqualTo(longest);
        assertThat(facts.eightBit())
                .isEqualTo(normalised.length() != normalised.getBytes(StandardCharsets.UTF_8).length);
        assertThat(facts.nonAsciiHeaders()).isEqualTo(nonAsciiHeader);
    }

    @Provide
    Arbitrary<String> messageText() {
        return Arbitraries.strings().withChars("ab:\r\n é").ofMaxLength(80);
    }

    @Test
    void emptyMessageHasNoBytes() throws IOException {
        assertThat(scan("")).isEqualTo(new MessageFacts(0, false, false, 0));
    }

    @Test
    void factsRejectInconsistentValues() {
        assertThatThrownBy(() -> new MessageFacts(-1, false, false, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageFacts(1, false, true, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
