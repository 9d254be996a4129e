package io.github.directdelivery.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM shutdown hook closes submit mode's spools, letting running deliveries finish. */
class SpoolShutdownTest {

    @Test
    void shutdownHookFinishesRunningDelivery(@TempDir Path directory) throws Exception {
        Path spool = directory.resolve("spool");
        Path log = directory.resolve("child.log");
        try (FakeInternet internet = FakeInternet.start()) {
            ScriptedSmtpServer server = internet.mx(
                    "example.com",
                    "mx.example.com",
                    script -> script.onEndOfData(
                            ScriptedReply.of("250 2.0.0 queued").delayedBy(Duration.ofSeconds(3))));
            InetSocketAddress dns = internet.dnsServer();

            Process child = new ProcessBuilder(
                            Paths.get(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Dio.github.directdelivery.loopbackOnly=true",
                            "-cp",
                            System.getProperty("java.class.path"),
                            SubmitAndExit.class.getName(),
                            dns.getAddress().getHostAddress() + ":" + dns.getPort(),
                            Integer.toString(server.port()),
                            spool.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // The server records the message before its delayed reply, so the delivery is still running at exit.
            awaitMessage(server, child);
            child.getOutputStream().close();
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);
            child.destroyForcibly();
            String output = Files.readString(log, StandardCharsets.UTF_8);

            assertThat(exited).as("child exited; its output:%n%s", output).isTrue();
            assertThat(child.exitValue()).as("exit status; output:%n%s", output).isZero();
            assertThat(output).contains("Closed the spool " + spool.toRealPath());
            assertThat(server.messages())
                    .as("messages received; child output:%n%s", output)
                    .hasSize(1);
            try (Stream<Path> files = Files.list(spool.resolve("messages"))) {
                assertThat(files).as("messages left in the spool").isEmpty();
            }
        }
    }

    private static void awaitMessage(ScriptedSmtpServer server, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.messages().isEmpty() && child.isAlive()) {
            assertThat(System.nanoTime()).as("the message arrives within 30 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /**
     * Submits one message with {@code Transport.send}, waits for the end of its standard input, and
     * exits without closing anything. Arguments: the DNS server, the SMTP port, the spool directory.
     */
    static final class SubmitAndExit {

        public static void main(String[] args) throws Exception {
            Properties properties = MimeFixtures.sessionProperties();
            properties.setProperty("mail.transport.protocol.rfc822", "mx");
            properties.setProperty("mail.mx.localhost", FakeInternetSessions.HELO);
            properties.setProperty("mail.mx.dns.server", args[0]);
            properties.setProperty("mail.mx.port", args[1]);
            properties.setProperty("mail.mx.allowlocaldestinations", "true");
            properties.setProperty("mail.mx.timeout", "10s");
            properties.setProperty("mail.mx.mode", "submit");
            properties.setProperty("mail.mx.spool.directory", args[2]);
            MimeMessage message = new MimeMessage(Session.getInstance(properties));
            message.setFrom("joerg@example.org");
            message.setRecipients(RecipientType.TO, "a@example.com");
            message.setSubject("submitted before exit");
            message.setText("text");

            Transport.send(message);

            while (System.in.read() >= 0) {
                // The parent closes the stream when the delivery is running.
            }
            System.exit(0);
        }
    }
}
