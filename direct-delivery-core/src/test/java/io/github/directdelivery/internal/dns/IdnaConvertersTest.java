package io.github.directdelivery.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdnaConvertersTest {

    @Nested
    class Uts46WithIcu {

        private final IdnaConverter converter = new IcuUts46Converter();

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "bücher.example.com, xn--bcher-kva.example.com",
            "faß.de, xn--fa-hia.de",
            "σς.example, xn--3xab.example",
            "xn--fa-hia.de, xn--fa-hia.de",
        })
        void convertsNonTransitionally(String name, String expected) {
            assertThat(converter.toAscii(name)).isEqualTo(expected);
        }

        @Test
        void keepsFinalSigma() {
            // Transitional processing, like IDNA2003, would map ς to σ and give xn--4xaa.
            assertThat(converter.toAscii("σς.example")).isNotEqualTo("xn--4xaa.example");
        }

        @Test
        void rejectsMixedDirectionLabel() {
            assertThatThrownBy(() -> converter.toAscii("a\u05D0.example"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("is not a valid internationalised domain name")
                    .hasMessageContaining("Bidi rule");
        }

        @Test
        void rejectsJoinerOutsideItsContext() {
            assertThatThrownBy(() -> converter.toAscii("a\u200Db.example"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("zero-width joiner");
        }

        @Test
        void rejectsUnderscoreByStd3Rules() {
            assertThatThrownBy(() -> converter.toAscii("ü_x.example"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("disallowed character");
        }

        @Test
        void rejectsInvalidALabel() {
            assertThatThrownBy(() -> converter.toAscii("xn--a.example"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid A-label");
        }
    }

    @Nested
    class Idna2003WithoutIcu {

        private final IdnaConverter converter = new JdkIdna2003Converter();

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "bücher.example.com, xn--bcher-kva.example.com",
            "münchen.de, xn--mnchen-3ya.de",
            "xn--bcher-kva.example.com, xn--bcher-kva.example.com",
        })
        void convertsNamesBothStandardsAgreeOn(String name, String expected) {
            assertThat(converter.toAscii(name)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"faß.de", "σς.example", "a\u200Db.example", "a\u200Cb.example", "xn--fa-hia.de"})
        void rejectsDeviationCharacters(String name) {
            assertThatThrownBy(() -> converter.toAscii(name))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cannot be converted safely without ICU4J")
                    .hasMessageContaining("com.ibm.icu:icu4j");
        }

        @Test
        void neverConvertsSharpSToSs() {
            assertThatThrownBy(() -> converter.toAscii("faß.de")).hasMessageNotContaining("fass.de");
        }

        @Test
        void rejectsNameThatIdna2003WouldMap() {
            // Full-width letters, which IDNA2003 maps to ASCII before encoding.
            assertThatThrownBy(() -> converter.toAscii("ｅｘａｍｐｌｅ.com"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("would map it to \"example.com\"")
                    .hasMessageContaining("com.ibm.icu:icu4j");
        }

        @Test
        void rejectsALabelIdna2003CannotDecode() {
            assertThatThrownBy(() -> converter.toAscii("xn--a.example"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("IDNA2003 rejects the A-label \"xn--a\"")
                    .hasMessageContaining("com.ibm.icu:icu4j");
        }

        @Test
        void rejectsWhatIdna2003Rejects() {
            assertThatThrownBy(() -> converter.toAscii("ü_x.example"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("is not a valid internationalised domain name");
        }
    }
}
