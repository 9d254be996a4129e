package io.github.directdelivery.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "example.com, example.com",
        "Example.COM., example.com",
        "mx-1.example.com, mx-1.example.com",
        "bücher.example.com, xn--bcher-kva.example.com",
        "BÜCHER.example.com, xn--bcher-kva.example.com",
        "faß.de, xn--fa-hia.de",
        "münchen.de, xn--mnchen-3ya.de",
        "xn--bcher-kva.example.com, xn--bcher-kva.example.com",
        "XN--FA-HIA.DE, xn--fa-hia.de",
        "例え.テスト, xn--r8jz45g.xn--zckzah",
    })
    void convertsToALabels(String domain, String expected) {
        assertThat(DomainNames.toAscii(domain)).isEqualTo(expected);
    }

    @Test
    void sharpSIsNeverMappedToSs() {
        assertThat(DomainNames.toAscii("faß.de")).isNotEqualTo("fass.de");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''| the name is empty",
                ".| the name is empty",
                "a..example| it has an empty label",
                ".example.com| it has an empty label",
                "example.com..| it has an empty label",
                "-mx.example.com| starts or ends with a hyphen",
                "mx-.example.com| starts or ends with a hyphen",
                "mx_1.example.com| contains \"_\"",
                "exa mple.com| contains \" \"",
                "[192.0.2.1]| contains \"[\"",
                "ab--cd.example| hyphens in the third and fourth positions",
            })
    void rejectsInvalidNames(String domain, String problem) {
        assertThatThrownBy(() -> DomainNames.toAscii(domain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid domain \"" + domain + "\"")
                .hasMessageContaining(problem);
    }

    @Test
    void rejectsLabelLongerThan63() {
        String label = "a".repeat(64);

        assertThatThrownBy(() -> DomainNames.toAscii(label + ".example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(label)
                .hasMessageContaining("64 characters long, more than the maximum of 63");
    }

    @Test
    void acceptsLabelOf63() {
        String domain = "a".repeat(63) + ".example";

        assertThat(DomainNames.toAscii(domain)).isEqualTo(domain);
    }

    @Test
    void rejectsNameLongerThan253() {
        String domain = ("a".repeat(49) + ".").repeat(5) + "abcd"; // 254 characters

        assertThatThrownBy(() -> DomainNames.toAscii(domain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(domain)
                .hasMessageContaining("254 characters long in ASCII, more than the maximum of 253");
    }

    @Test
    void acceptsNameOf253() {
        String domain = ("a".repeat(49) + ".").repeat(5) + "abc";

        assertThat(DomainNames.toAscii(domain)).hasSize(253);
    }

    @Test
    void measuresLengthAfterConversion() {
        // 60 characters as a U-label, 67 as its A-label.
        String label = "ü".repeat(60);

        assertThatThrownBy(() -> DomainNames.toAscii(label + ".example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(label);
    }

    @Test
    void escapesControlCharactersInMessages() {
        assertThatThrownBy(() -> DomainNames.toAscii("evil\r\nexample.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("evil\\u000D\\u000Aexample.com")
                .hasMessageNotContaining("\n");
    }

    @Test
    void namesDomainWhenConversionFails() {
        assertThatThrownBy(() -> DomainNames.toAscii("A\u05D0.Example."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Domain \"A\u05D0.Example.\" is not a valid internationalised domain name")
                .hasMessageContaining("Bidi rule");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> DomainNames.toAscii(nullDomain()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("domain");
    }

    @SuppressWarnings("NullAway")
    private static String nullDomain() {
        return null;
    }
}
