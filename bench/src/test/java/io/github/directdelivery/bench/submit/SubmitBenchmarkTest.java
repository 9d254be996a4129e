package io.github.directdelivery.bench.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SubmitBenchmarkTest {

    @Test
    void loopbackAddressAndPortAreParsed() throws IOException {
        InetSocketAddress address = SubmitBenchmark.loopbackAddress("127.0.2.1:10025", "postfix");

        assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.2.1");
        assertThat(address.getPort()).isEqualTo(10025);
        assertThat(SubmitBenchmark.loopbackAddress("[::1]:25", "sink")
                        .getAddress()
                        .isLoopbackAddress())
                .isTrue();
    }

    @Test
    void nonLoopbackAddressIsRejected() {
        assertThatThrownBy(() -> SubmitBenchmark.loopbackAddress("192.0.2.1:25", "postfix"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--postfix must be a loopback address");
    }

    @Test
    void hostNameIsRejected() {
        assertThatThrownBy(() -> SubmitBenchmark.loopbackAddress("localhost:25", "sink"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--sink must be an IP address and a port");
    }

    @Test
    void missingOrInvalidPortIsRejected() {
        assertThatThrownBy(() -> SubmitBenchmark.loopbackAddress("127.0.0.1", "sink"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be ADDRESS:PORT");
        assertThatThrownBy(() -> SubmitBenchmark.loopbackAddress("127.0.0.1:smtp", "sink"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no valid port");
        assertThatThrownBy(() -> SubmitBenchmark.loopbackAddress("127.0.0.1:70000", "sink"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 1 to 65535");
    }
}
