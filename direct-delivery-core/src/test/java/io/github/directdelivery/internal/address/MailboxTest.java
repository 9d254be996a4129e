package io.github.directdelivery.internal.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxTest {

    @Test
    void plainAddressIsSplitIntoLocalPartAndLowerCaseDomain() {
        Mailbox mailbox = Mailbox.parse("Alice.Smith+tag@Example.COM");

        assertThat(mailbox.localPart()).isEqualTo("Alice.Smith+tag");
        assertThat(mailbox.domain()).isEqualTo("example.com");
        assertThat(mailbox.literalAddress()).isNull();
        assertThat(mailbox.needsSmtpUtf8()).isFalse();
    }

    @Test
    void angleBracketsAreAccepted() {
        assertThat(Mailbox.parse("<bob@example.org>")).hasToString("bob@example.org");
    }

    @Test
    void internationalDomainIsConvertedToItsALabel() {
        Mailbox mailbox = Mailbox.parse("info@bücher.example.com");

        assertThat(mailbox.domain()).isEqualTo("xn--bcher-kva.example.com");
        assertThat(mailbox.needsSmtpUtf8()).isFalse();
    }

    @Test
    void utf8LocalPartNeedsSmtpUtf8() {
        Mailbox mailbox = Mailbox.parse("δοκιμή@example.net");

        assertThat(mailbox.localPart()).isEqualTo("δοκιμή");
        assertThat(mailbox.needsSmtpUtf8()).isTrue();
    }

    @Test
    void quotedLocalPartMayHoldSpacesAndEscapedQuotes() {
        assertThat(Mailbox.parse("\"john \\\"jd\\\" doe\"@example.com").localPart())
                .isEqualTo("\"john \\\"jd\\\" doe\"");
    }

    @Test
    void addressLiteralsAreParsedWithoutLookup() throws Exception {
        assertThat(Mailbox.parse("postmaster@[192.0.2.1]").literalAddress())
                .isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}));
        assertThat(Mailbox.parse("postmaster@[IPv6:2001:db8::1]").literalAddress())
                .isEqualTo(InetAddress.getByName("2001:db8::1"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "no-at-sign.example.com | expected local-part@domain",
                "@example.com | expected local-part@domain",
                "user@ | expected local-part@domain",
                "a b@example.com | must be quoted",
                ".user@example.com | empty dot-separated part",
                "us..er@example.com | empty dot-separated part",
                "\"unclosed@example.com | no closing quote",
                "user@[300.1.1.1] | address literal",
                "user@[192.0.2.1 | no closing bracket",
                "user@exa mple.com | exa mple.com",
            })
    void malformedAddressesAreRejectedWithTheProblem(String address, String problem) {
        assertThatThrownBy(() -> Mailbox.parse(address))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid address \"" + address + "\"")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@example.com\r\nRCPT TO:<x@example.net>", "user\n@example.com", "user\0@example.com"})
    void commandInjectionThroughLineBreaksIsRejected(String address) {
        assertThatThrownBy(() -> Mailbox.parse(address))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CR, LF or NUL");
    }

    @Test
    void overlongLocalPartIsRejected() {
        assertThatThrownBy(() -> Mailbox.parse("a".repeat(65) + "@example.com"))
                .hasMessageContaining("local part is longer than 64 octets");
    }

    @Test
    void overlongPathIsRejected() {
        String domain = ("a".repeat(60) + ".").repeat(4) + "com";

        assertThatThrownBy(() -> Mailbox.parse("a".repeat(64) + "@" + domain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than");
    }
}
