package io.github.directdelivery.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XtextTest {

    @Test
    void plusEqualsAndSpaceAreEncoded() {
        assertThat(Xtext.encode("a+b=c d")).isEqualTo("a+2Bb+3Dc+20d");
    }

    @Test
    void nonAsciiIsEncodedAsUtf8Bytes() {
        assertThat(Xtext.encode("é")).isEqualTo("+C3+A9");
    }

    @Test
    void utf8AddressUsesEmbeddedCodePoints() {
        assertThat(Xtext.encodeUtf8Address("δ+x@example.net")).isEqualTo("\\x{3B4}\\x{2B}x@example.net");
    }
}
