package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.internal.net.LoopbackOnly;
import io.github.directdelivery.testkit.DnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MxResolverBuilderTest {

    @Test
    void rejectsNegativeRetries() {
        assertThatThrownBy(() -> MxResolver.builder().retries(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retries must be 0 or more, not -1");
    }

    @Test
    void rejectsZeroTimeout() {
        assertThatThrownBy(() -> MxResolver.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be at least 1 ms, not PT0S");
    }

    @Test
    void rejectsNegativeTimeout() {
        assertThatThrownBy(() -> MxResolver.builder().timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be at least 1 ms, not PT-1S");
    }

    @Test
    void rejectsZeroMaxHosts() {
        assertThatThrownBy(() -> MxResolver.builder().maxHosts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxHosts must be at least 1, not 0");
    }

    @Test
    void rejectsZeroMaxAddresses() {
        assertThatThrownBy(() -> MxResolver.builder().maxAddresses(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAddresses must be at least 1, not 0");
    }

    @Test
    void rejectsUnresolvedDnsServer() {
        assertThatThrownBy(() -> MxResolver.builder().dnsServer(InetSocketAddress.createUnresolved("dns.example", 53)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dnsServer")
                .hasMessageContaining("dns.example");
    }

    @Test
    void rejectsDnsServerPortZero() {
        assertThatThrownBy(() ->
                        MxResolver.builder().dnsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dnsServer port must be between 1 and 65535, not 0");
    }

    @Test
    @SuppressWarnings("NullAway")
    void rejectsNullsByName() {
        MxResolver.Builder builder = MxResolver.builder();

        assertThatThrownBy(() -> builder.dnsServer(null)).hasMessage("dnsServer must not be null");
        assertThatThrownBy(() -> builder.timeout(null)).hasMessage("timeout must not be null");
        assertThatThrownBy(() -> builder.addressPreference(null)).hasMessage("addressPreference must not be null");
        assertThatThrownBy(() -> builder.random(null)).hasMessage("random must not be null");
    }

    @Test
    void nonLoopbackDnsServerIsRefusedBeforeSending() {
        assertThat(LoopbackOnly.enabled())
                .as("the build sets " + LoopbackOnly.PROPERTY)
                .isTrue();
        MxResolver resolver = MxResolver.builder()
                .dnsServer(new InetSocketAddress(documentationAddress(), 53))
                .build();

        assertThatThrownBy(() -> resolver.resolve("example.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DNS server 192.0.2.53")
                .hasMessageContaining(LoopbackOnly.PROPERTY);
        assertThatThrownBy(() -> resolver.resolveAsync("example.com")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void systemDnsServersAreRefusedInLoopbackMode() {
        MxResolver resolver = MxResolver.builder().build();

        assertThatThrownBy(() -> resolver.resolve("example.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("system's DNS servers")
                .hasMessageContaining(LoopbackOnly.PROPERTY);
    }

    @Test
    void toStringShowsTheSettings() throws IOException {
        try (DnsServer dns = DnsServer.start()) {
            MxResolver resolver = MxResolver.builder().dnsServer(dns.address()).build();

            assertThat(resolver.toString())
                    .contains(dns.address().toString())
                    .contains("timeout=PT5S")
                    .contains("retries=1")
                    .contains("addressPreference=IPV4_FIRST")
                    .contains("maxHosts=5")
                    .contains("maxAddresses=5")
                    .contains("allowLocalDestinations=false");
        }
    }

    private static InetAddress documentationAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 53});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
