package io.github.directdelivery.jakarta.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.AddressPreference;
import io.github.directdelivery.TlsPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "30s, PT30S",
        "30 S, PT30S",
        "5m, PT5M",
        "2h, PT2H",
        "5d, PT120H",
        "P2D, PT48H",
        "PT1M30S, PT1M30S",
        "pt10s, PT10S"
    })
    void durationsWithUnits(String text, String expected) {
        assertThat(Values.duration(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void durationWithoutUnitIsRejected() {
        assertThatThrownBy(() -> Values.duration("30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a duration needs a unit");
    }

    @Test
    void pathWithControlCharacterIsRejected() {
        assertThatThrownBy(() -> Values.path("/var/spool\nmail"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("it contains the control character U+000A at index 10");
    }

    @Test
    void dnsServerForms() throws Exception {
        assertThat(Values.dnsServer("192.0.2.53")).isEqualTo(new InetSocketAddress(ipv4(192, 0, 2, 53), 53));
        assertThat(Values.dnsServer("127.0.0.1:5353")).isEqualTo(new InetSocketAddress(ipv4(127, 0, 0, 1), 5353));
        assertThat(Values.dnsServer("[::1]:5353")).isEqualTo(new InetSocketAddress(ipv6Loopback(), 5353));
        assertThat(Values.dnsServer("2001:db8::53")).isEqualTo(new InetSocketAddress(documentationIpv6(), 53));
    }

    @Test
    void hostNameIsNeverLookedUp() {
        assertThatThrownBy(() -> Values.ipAddress("localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"localhost\" is not an IP address");
        assertThatThrownBy(() -> Values.ipAddress("fe80::zz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"fe80::zz\" is not an IPv6 address");
    }

    @Test
    void localAddressesOfBothFamilies() throws Exception {
        Values.LocalAddresses both = Values.localAddresses("::1, 127.0.0.1");

        assertThat(both.ipv4()).isEqualTo(ipv4(127, 0, 0, 1));
        assertThat(both.ipv6()).isEqualTo(ipv6Loopback());
        assertThat(Values.localAddresses("127.0.0.1").ipv6()).isNull();
    }

    @Test
    void choicesAcceptHyphensAndUnderscores() {
        assertThat(Values.choice(AddressPreference.class).parse("IPv6_Only")).isEqualTo(AddressPreference.IPV6_ONLY);
        assertThat(Values.choice(AddressPreference.class).parse("ipv4-first")).isEqualTo(AddressPreference.IPV4_FIRST);
        assertThat(Values.choices(TlsPolicy.class)).isEqualTo("none, opportunistic, required or verified");
    }

    private static InetAddress ipv4(int... octets) throws Exception {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) octets[i];
        }
        return InetAddress.getByAddress(bytes);
    }

    private static InetAddress ipv6Loopback() throws Exception {
        byte[] bytes = new byte[16];
        bytes[15] = 1;
        return InetAddress.getByAddress(bytes);
    }

    /** Returns 2001:db8::53, from the documentation range. */
    private static InetAddress documentationIpv6() throws Exception {
        byte[] bytes = new byte[16];
        bytes[0] = 0x20;
        bytes[1] = 0x01;
        bytes[2] = 0x0d;
        bytes[3] = (byte) 0xb8;
        bytes[15] = 0x53;
        return InetAddress.getByAddress(bytes);
    }
}
