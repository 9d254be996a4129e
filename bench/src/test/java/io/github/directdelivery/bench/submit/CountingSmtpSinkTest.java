package io.github.directdelivery.bench.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CountingSmtpSinkTest {

    private static final InetSocketAddress SINK = new InetSocketAddress("127.0.1.2", 10026);

    @Test
    void commandCountsAndListensOnAddress() {
        assertThat(CountingSmtpSink.command(Path.of("/usr/sbin/smtp-sink"), SINK, false))
                .containsExactly("/usr/sbin/smtp-sink", "-c", "-4", "127.0.1.2:10026", "256");
    }

    @Test
    void commandDropsRootPrivileges() {
        assertThat(CountingSmtpSink.command(Path.of("/usr/sbin/smtp-sink"), SINK, true))
                .containsSubsequence("-u", "nobody", "127.0.1.2:10026");
    }

    @Test
    void nonLoopbackAddressIsRejected() {
        assertThatThrownBy(() -> CountingSmtpSink.start(Path.of("/bin/true"), new InetSocketAddress("192.0.2.1", 25)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void missingProgramIsReported() {
        assertThatThrownBy(() -> CountingSmtpSink.start(Path.of("/nonexistent/smtp-sink"), SINK))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("install Debian's postfix package");
    }
}
