package io.github.directdelivery.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DomainNamesPropertyTest {

    private static final String HOST_NAME =
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*";

    @Property(tries = 2000)
    void resultIsHostNameOrRejection(@ForAll("domainLikeNames") String domain) {
        String ascii;
        try {
            ascii = DomainNames.toAscii(domain);
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageContaining(DomainNames.quote(domain));
            return;
        }

        assertThat(ascii).matches(HOST_NAME);
        assertThat(ascii).hasSizeLessThanOrEqualTo(DomainNames.MAX_NAME_LENGTH);
        assertThat(DomainNames.toAscii(ascii)).isEqualTo(ascii);
    }

    @Property(tries = 500)
    void arbitraryTextNeverEscapesTheChecks(@ForAll String text) {
        try {
            assertThat(DomainNames.toAscii(text)).matches(HOST_NAME);
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageContaining(DomainNames.quote(text));
        }
    }

    @Provide
    Arbitrary<String> domainLikeNames() {
        Arbitrary<String> label = Arbitraries.strings()
                .withChars("abcxyzABC019-_üßςΣ\u200D\u05D0 .")
                .ofMinLength(0)
                .ofMaxLength(70);
        return label.list().ofMinSize(1).ofMaxSize(6).map(labels -> String.join(".", labels));
    }
}
