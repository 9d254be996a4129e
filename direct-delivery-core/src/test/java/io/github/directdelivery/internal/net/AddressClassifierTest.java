package io.github.directdelivery.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Address;

class AddressClassifierTest {

    // Each range with its first and last address, and the addresses just outside it.
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0.0.0.0, UNSPECIFIED",
        "0.0.0.1, THIS_NETWORK",
        "0.255.255.255, THIS_NETWORK",
        "1.0.0.0, PUBLIC",
        "9.255.255.255, PUBLIC",
        "10.0.0.0, PRIVATE",
        "10.255.255.255, PRIVATE",
        "11.0.0.0, PUBLIC",
        "100.63.255.255, PUBLIC",
        "100.64.0.0, SHARED_ADDRESS_SPACE",
        "100.127.255.255, SHARED_ADDRESS_SPACE",
        "100.128.0.0, PUBLIC",
        "126.255.255.255, PUBLIC",
        "127.0.0.0, LOOPBACK",
        "127.0.0.1, LOOPBACK",
        "127.255.255.255, LOOPBACK",
        "128.0.0.0, PUBLIC",
        "169.253.255.255, PUBLIC",
        "169.254.0.0, LINK_LOCAL",
        "169.254.169.254, LINK_LOCAL",
        "169.254.255.255, LINK_LOCAL",
        "169.255.0.0, PUBLIC",
        "172.15.255.255, PUBLIC",
        "172.16.0.0, PRIVATE",
        "172.31.255.255, PRIVATE",
        "172.32.0.0, PUBLIC",
        "191.255.255.255, PUBLIC",
        "192.0.0.0, IETF_PROTOCOL_ASSIGNMENTS",
        "192.0.0.255, IETF_PROTOCOL_ASSIGNMENTS",
        "192.0.1.0, PUBLIC",
        "192.0.1.255, PUBLIC",
        "192.0.2.0, DOCUMENTATION",
        "192.0.2.255, DOCUMENTATION",
        "192.0.3.0, PUBLIC",
        "192.167.255.255, PUBLIC",
        "192.168.0.0, PRIVATE",
        "192.168.255.255, PRIVATE",
        "192.169.0.0, PUBLIC",
        "198.17.255.255, PUBLIC",
        "198.18.0.0, BENCHMARKING",
        "198.19.255.255, BENCHMARKING",
        "198.20.0.0, PUBLIC",
        "198.51.99.255, PUBLIC",
        "198.51.100.0, DOCUMENTATION",
        "198.51.100.255, DOCUMENTATION",
        "198.51.101.0, PUBLIC",
        "203.0.112.255, PUBLIC",
        "203.0.113.0, DOCUMENTATION",
        "203.0.113.255, DOCUMENTATION",
        "203.0.114.0, PUBLIC",
        "223.255.255.255, PUBLIC",
        "224.0.0.0, MULTICAST",
        "239.255.255.255, MULTICAST",
        "240.0.0.0, RESERVED",
        "255.255.255.254, RESERVED",
        "255.255.255.255, BROADCAST",
    })
    void classifiesIpv4(String address, AddressRange expected) throws UnknownHostException {
        assertThat(AddressClassifier.classify(ipv4(address))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        ":: , UNSPECIFIED",
        "::1, LOOPBACK",
        "::2, THIS_NETWORK",
        // IPv4-compatible (deprecated) forms
        "::10.0.0.1, PRIVATE",
        "::127.0.0.1, LOOPBACK",
        "::203.0.114.1, PUBLIC",
        // IPv4-mapped forms, ::ffff:0:0/96
        "::ffff:10.0.0.1, PRIVATE",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:169.254.169.254, LINK_LOCAL",
        "::ffff:0.0.0.0, UNSPECIFIED",
        "::ffff:255.255.255.255, BROADCAST",
        "::ffff:203.0.114.1, PUBLIC",
        "::fffe:cb00:7201, RESERVED",
        "::1:ffff:cb00:7201, RESERVED",
        // NAT64 well-known prefix 64:ff9b::/96 and local-use prefix 64:ff9b:1::/48
        "64:ff9b::10.0.0.1, PRIVATE",
        "64:ff9b::169.254.169.254, LINK_LOCAL",
        "64:ff9b::127.0.0.1, LOOPBACK",
        "64:ff9b::203.0.114.1, PUBLIC",
        "64:ff9b::1:cb00:7201, RESERVED",
        "64:ff9b:1::, LOCAL_USE_TRANSLATION",
        "64:ff9b:1:ffff:ffff:ffff:ffff:ffff, LOCAL_USE_TRANSLATION",
        "64:ff9b:2::, RESERVED",
        "64:ff9a:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
        // 6to4, 2002::/16, with the IPv4 address in bits 16 to 47
        "2002:a00:1::, PRIVATE",
        "2002:7f00:1::1, LOOPBACK",
        "2002:a9fe:a9fe::, LINK_LOCAL",
        "2002:cb00:7201::, PUBLIC",
        "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC",
        "2003::, PUBLIC",
        // Unique local fc00::/7
        "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
        "fc00::, UNIQUE_LOCAL",
        "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, UNIQUE_LOCAL",
        "fe00::, RESERVED",
        // Link-local fe80::/10
        "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
        "fe80::, LINK_LOCAL",
        "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, LINK_LOCAL",
        "fec0::, RESERVED",
        // Multicast ff00::/8
        "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
        "ff00::, MULTICAST",
        "ff02::1, MULTICAST",
        // Documentation 2001:db8::/32 and 3fff::/20
        "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC",
        "2001:db8::, DOCUMENTATION",
        "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, DOCUMENTATION",
        "2001:db9::, PUBLIC",
        "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC",
        "3fff::, DOCUMENTATION",
        "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff, DOCUMENTATION",
        "3fff:1000::, PUBLIC",
        // Benchmarking 2001:2::/48
        "2001:1:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC",
        "2001:2::, BENCHMARKING",
        "2001:2:0:ffff:ffff:ffff:ffff:ffff, BENCHMARKING",
        "2001:2:1::, PUBLIC",
        // Global unicast 2000::/3, and the unallocated space around it
        "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
        "2000::, PUBLIC",
        "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC",
        "4000::, RESERVED",
        "100::, RESERVED",
    })
    void classifiesIpv6(String address, AddressRange expected) throws UnknownHostException {
        assertThat(AddressClassifier.classify(ipv6(address))).isEqualTo(expected);
    }

    @Test
    void mappedAddressFromJavaIsPrivate() throws UnknownHostException {
        InetAddress mapped = InetAddress.getByName("::ffff:10.0.0.1");

        assertThat(AddressClassifier.classify(mapped)).isEqualTo(AddressRange.PRIVATE);
    }

    @Test
    void onlyPublicRangeIsPubliclyRoutable() throws UnknownHostException {
        assertThat(AddressClassifier.isPubliclyRoutable(ipv4("203.0.114.1"))).isTrue();
        assertThat(AddressClassifier.isPubliclyRoutable(ipv4("127.0.0.1"))).isFalse();
        for (AddressRange range : AddressRange.values()) {
            assertThat(range.isPubliclyRoutable()).as(range.name()).isEqualTo(range == AddressRange.PUBLIC);
            assertThat(range.description()).as(range.name()).isNotBlank();
        }
    }

    private static InetAddress ipv4(String literal) throws UnknownHostException {
        return InetAddress.getByAddress(Address.toByteArray(literal, Address.IPv4));
    }

    /** Parses an IPv6 literal, keeping IPv4-mapped addresses as IPv6 addresses as they arrive in AAAA records. */
    private static InetAddress ipv6(String literal) throws UnknownHostException {
        byte[] bytes = Address.toByteArray(literal.strip(), Address.IPv6);
        assertThat(bytes).as("IPv6 literal %s", literal).isNotNull();
        return Inet6Address.getByAddress(null, bytes, -1);
    }
}
