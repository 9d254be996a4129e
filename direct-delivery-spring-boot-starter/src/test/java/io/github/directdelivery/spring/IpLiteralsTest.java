package io.github.directdelivery.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.spring.internal.IpLiterals;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1, 53",
        "127.0.0.1:5353, 127.0.0.1, 5353",
        "' 192.0.2.1:53 ', 192.0.2.1, 53",
        "::1, 0:0:0:0:0:0:0:1, 53",
        "[::1], 0:0:0:0:0:0:0:1, 53",
        "[2001:db8::53]:5353, 2001:db8:0:0:0:0:0:53, 5353",
        "::ffff:192.0.2.1, 192.0.2.1, 53"
    })
    void socketAddressParses(String text, String address, int port) {
        InetSocketAddress parsed = IpLiterals.parseSocketAddress(text, 53);

        assertThat(parsed.isUnresolved()).isFalse();
        assertThat(parsed.getAddress().getHostAddress()).isEqualTo(address);
        assertThat(parsed.getPort()).isEqualTo(port);
    }

    // None of these may reach a resolver: a host name is rejected before any lookup.
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "localhost",
                "dns.example.test",
                "dns.example.test:53",
                "1.2.3",
                "1.2.3.4.5",
                "256.0.0.1",
                "abc:xyz",
                "[::1]53",
                "[::1]:",
                "127.0.0.1:65536",
                "127.0.0.1:-1",
                ""
            })
    void nonLiteralRejected(String text) {
        assertThatThrownBy(() -> IpLiterals.parseSocketAddress(text, 53)).isInstanceOf(IllegalArgumentException.class);
    }
}
