package io.github.directdelivery.bench.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostfixQueueContenderTest {

    private static final InetSocketAddress SMTPD = new InetSocketAddress("127.0.2.1", 10025);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Path directory;

    @BeforeEach
    void setUp(@TempDir Path temporary) {
        directory = temporary;
    }

    /** Writes a shell script that replaces smtp-source in a test. */
    private Path script(String body) throws IOException {
        Path script = directory.resolve("smtp-source");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void commandSubmitsToSmtpdWithSessionsAndSize() throws IOException {
        PostfixQueueContender postfix =
                new PostfixQueueContender(script("exit 0"), SMTPD, new FakeSink(0), 2048, TIMEOUT);

        assertThat(postfix.command(2000, 8))
                .containsSubsequence("-d", "-s", "8", "-m", "2000", "-l", "2048")
                .contains("rcpt@bench.test")
                .endsWith("127.0.2.1:10025");
    }

    @Test
    void runLastsUntilSinkHasEveryMessage() throws Exception {
        PostfixQueueContender postfix =
                new PostfixQueueContender(script("exit 0"), SMTPD, new FakeSink(100), 2048, TIMEOUT);

        assertThat(postfix.run(100, 4)).isPositive();
    }

    @Test
    void missingArrivalsFailRun() throws IOException {
        PostfixQueueContender postfix =
                new PostfixQueueContender(script("exit 0"), SMTPD, new FakeSink(99), 2048, TIMEOUT);

        assertThatThrownBy(() -> postfix.run(100, 4))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("received 99 of 100");
    }

    @Test
    void extraArrivalsFailRun() throws IOException {
        PostfixQueueContender postfix =
                new PostfixQueueContender(script("exit 0"), SMTPD, new FakeSink(101), 2048, TIMEOUT);

        assertThatThrownBy(() -> postfix.run(100, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("submitted 100 messages but the sink received 101");
    }

    @Test
    void smtpSourceErrorFailsRun() throws IOException {
        PostfixQueueContender postfix = new PostfixQueueContender(
                script("echo 'smtp-source: fatal: rcpt rejected: 554 Relay access denied'; exit 1"),
                SMTPD,
                new FakeSink(100),
                2048,
                TIMEOUT);

        assertThatThrownBy(() -> postfix.run(100, 4))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exited with status 1")
                .hasMessageContaining("Relay access denied");
    }

    @Test
    void missingProgramIsReported() {
        assertThatThrownBy(() ->
                        new PostfixQueueContender(directory.resolve("absent"), SMTPD, new FakeSink(0), 2048, TIMEOUT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("install Debian's postfix package");
    }
}
