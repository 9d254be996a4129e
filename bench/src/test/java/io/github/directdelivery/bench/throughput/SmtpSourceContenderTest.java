package io.github.directdelivery.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SmtpSourceContenderTest {

    private static final InetSocketAddress SINK = new InetSocketAddress("127.0.1.1", 2525);

    @Test
    void commandReusesConnectionsAndSetsWorkload() throws IOException {
        SmtpSourceContender source = new SmtpSourceContender(Path.of("/bin/true"), SINK);

        assertThat(source.command(new Workload(2048, 5000, 8)))
                .containsSubsequence("-d", "-s", "8", "-m", "5000", "-l", "2048")
                .endsWith("127.0.1.1:2525");
    }

    @Test
    void missingProgramIsReported() {
        assertThatThrownBy(() -> new SmtpSourceContender(Path.of("/nonexistent/smtp-source"), SINK))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("install Debian's postfix package");
    }
}
