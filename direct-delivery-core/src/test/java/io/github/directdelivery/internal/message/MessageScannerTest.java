package io.github.directdelivery.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageScannerTest {

    private static MessageFacts scan(String text) throws IOException {
        return MessageScanner.scan(MessageData.ofBytes(text.getBytes(StandardCharsets.UTF_8)));
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
    void emptyMessageHasNoBytes() throws IOException {
        assertThat(scan("")).isEqualTo(new MessageFacts(0, false, false, 0));
    }

    @Test
    void factsRejectInconsistentValues() {
        assertThatThrownBy(() -> new MessageFacts(-1, false, false, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageFacts(1, false, true, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
