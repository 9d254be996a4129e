package io.github.directdelivery.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.SmtpReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private static Capabilities parse(String... lines) {
        return Capabilities.parse(new SmtpReply(250, null, List.of(lines)));
    }

    @Test
    void keywordsMatchInAnyLetterCase() {
        Capabilities capabilities = parse("mx.example.net", "pipelining", "8BitMime", "STARTTLS");

        assertThat(capabilities.supports("PIPELINING")).isTrue();
        assertThat(capabilities.supports("8bitmime")).isTrue();
        assertThat(capabilities.supports("starttls")).isTrue();
        assertThat(capabilities.supports("CHUNKING")).isFalse();
        assertThat(capabilities.keywords()).containsExactly("PIPELINING", "8BITMIME", "STARTTLS");
    }

    @Test
    void greetingLineIsNotKeyword() {
        assertThat(parse("STARTTLS greets you").supports("STARTTLS")).isFalse();
    }

    @Test
    void sizeLimitIsParsed() {
        assertThat(parse("mx", "SIZE 52428800").maxMessageSize()).isEqualTo(52_428_800L);
        assertThat(parse("mx", "SIZE").maxMessageSize()).isZero();
        assertThat(parse("mx", "SIZE 0").maxMessageSize()).isZero();
        assertThat(parse("mx", "SIZE lots").maxMessageSize()).isZero();
        assertThat(parse("mx").maxMessageSize()).isZero();
    }

    @Test
    void authMechanismsIncludeLegacyForm() {
        Capabilities capabilities = parse("mx", "AUTH login Plain", "AUTH=CRAM-MD5");

        assertThat(capabilities.authMechanisms()).containsExactly("LOGIN", "PLAIN", "CRAM-MD5");
    }

    @Test
    void invalidKeywordLinesAreIgnored() {
        Capabilities capabilities = parse("mx", "-BAD", "", "X_UNDERSCORE", "OK");

        assertThat(capabilities.keywords()).containsExactly("OK");
    }

    @Test
    void heloSessionHasNoExtensions() {
        assertThat(Capabilities.none().keywords()).isEmpty();
        assertThat(Capabilities.none().supports("PIPELINING")).isFalse();
    }
}
