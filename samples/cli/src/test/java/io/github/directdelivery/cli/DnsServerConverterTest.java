package io.github.directdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DnsServerConverterTest {

    private final DnsServerConverter converter = new DnsServerConverter();

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:10053, 127.0.0.1, 10053",
        "192.0.2.53, 192.0.2.53, 53",
        "'[::1]:5353', 0:0:0:0:0:0:0:1, 5353",
        "'[2001:db8::53]', 2001:db8:0:0:0:0:0:53, 53",
    })
    void acceptsAddressesWithOptionalPort(String value, String address, int port) {
        InetSocketAddress server = converter.convert(value);

        assertThat(server.isUnresolved()).isFalse();
        assertThat(server.getAddress().getHostAddress()).isEqualTo(address);
        assertThat(server.getPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dns.example.com",
                "dns.example.com:53",
                "256.0.0.1",
                "127.0.0.1:0",
                "127.0.0.1:65536",
                "127.0.0.1:",
                "1.2.3",
                "::1",
                "[not-an-address]",
                ""
            })
    void rejectsEverythingElse(String value) {
        assertThatThrownBy(() -> converter.convert(value)).isInstanceOf(TypeConversionException.class);
    }
}
