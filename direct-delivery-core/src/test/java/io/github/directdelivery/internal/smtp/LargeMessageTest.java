package io.github.directdelivery.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.internal.message.CrlfNormalizingInputStream;
import io.github.directdelivery.internal.net.LoopbackOnly;
import io.github.directdelivery.testkit.ReceivedMessage;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streams a 50 MB message from a JVM limited to 64 MB of heap, so the message cannot be held in
 * memory on either pass, and checks that the server received exactly the normalised bytes.
 */
class LargeMessageTest {

    private static final long SIZE = 50L << 20;
    private static final long SEED = 5321;

    @ParameterizedTest(name = "with CHUNKING offered: {0}")
    @ValueSource(booleans = {false, true})
    void fiftyMegabytesStreamInSmallHeap(boolean chunking) throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .hashContentOnly()
                .capabilities(chunking ? new String[] {"PIPELINING", "CHUNKING"} : new String[] {"PIPELINING"})
                .start()) {
            Process child = new ProcessBuilder(
                            Paths.get(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx64m",
                            "-D" + LoopbackOnly.PROPERTY + "=true",
                            "-cp",
                            System.getProperty("java.class.path"),
                            LargeMessageSender.class.getName(),
                            Integer.toString(server.port()),
                            Long.toString(SIZE),
                            Long.toString(SEED))
                    .redirectErrorStream(true)
                    .start();
            boolean finished = child.waitFor(90, TimeUnit.SECONDS);
            if (!finished) {
                child.destroyForcibly();
            }
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(finished).as("child finished in time").isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            List<ReceivedMessage> messages = server.messages();
            assertThat(messages).hasSize(1);
            // Normalisation adds a CR before every bare LF, so the received message is larger.
            assertThat(messages.get(0).size()).isGreaterThan(SIZE);
            assertThat(messages.get(0).sha256()).isEqualTo(expectedHash());
            assertThat(output).contains("status=DELIVERED", "maxHeap=");
        }
    }

    /** Hashes the message as the server should receive it: CRLF-normalised, not stuffed. */
    private static String expectedHash() throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(
                new CrlfNormalizingInputStream(new GeneratedMessage(SIZE, SEED).open()), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
