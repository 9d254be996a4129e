package io.github.directdelivery.internal.smtp;

import static io.github.directdelivery.internal.smtp.SessionFixture.crlf;
import static io.github.directdelivery.internal.smtp.SessionFixture.message;
import static io.github.directdelivery.internal.smtp.SessionFixture.open;
import static io.github.directdelivery.internal.smtp.SessionFixture.openFailure;
import static io.github.directdelivery.internal.smtp.SessionFixture.settings;
import static io.github.directdelivery.internal.smtp.SessionFixture.transcript;
import static io.github.directdelivery.internal.smtp.SessionFixture.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class SessionOpeningTest {

    private static final String GREETING = "220-mx.example.net ESMTP\r\n220 ready\r\n";

    @Test
    void multiLineGreetingIsReadBeforeEhlo() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .greeting(ScriptedReply.raw(GREETING).inPieces(Duration.ofMillis(200), 26))
                .start()) {
            SmtpSession session = open(server);
            List<String> lines = transcript(session.drainTranscript());
            session.close();

            assertThat(lines.subList(0, 3))
                    .containsExactly("S: 220-mx.example.net ESMTP", "S: 220 ready", "C: EHLO client.example.org");
            assertThat(wire(server)).isEqualTo("EHLO client.example.org\r\nQUIT\r\n");
        }
    }

    @Test
    void greetingSplitInsideCrlfIsRead() throws IOException {
        int betweenCrAndLf = GREETING.indexOf('\n');
        assertGreetingReadWhole(List.of(3, betweenCrAndLf, betweenCrAndLf + 4, GREETING.length() - 1));
    }

    @Property(tries = 15)
    void greetingSplitAnywhereIsReadWhole(
            @ForAll @Size(max = 4) @UniqueElements List<@IntRange(min = 1, max = 36) Integer> cuts) throws IOException {
        assertGreetingReadWhole(cuts);
    }

    private static void assertGreetingReadWhole(List<Integer> cuts) throws IOException {
        int[] offsets = new ArrayList<>(cuts)
                .stream().sorted().mapToInt(Integer::intValue).toArray();
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .greeting(ScriptedReply.raw(GREETING).inPieces(Duration.ofMillis(5), offsets))
                .start()) {
            SmtpSession session = open(server);
            List<String> lines = transcript(session.drainTranscript());
            session.close();

            assertThat(lines.subList(0, 3))
                    .containsExactly("S: 220-mx.example.net ESMTP", "S: 220 ready", "C: EHLO client.example.org");
        }
    }

    @Test
    void refusedGreetingGetsQuitAndTypedFailure() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .greeting("554 5.7.1 no mail from you")
                .start()) {
            SessionFailure failure = openFailure(server, settings().build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.GREETING_REFUSED);
            assertThat(failure.reply()).hasToString("554 5.7.1 no mail from you");
            assertThat(wire(server)).isEqualTo("QUIT\r\n");
        }
    }

    @Test
    void greeting421ClosesWithoutAnyCommand() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().greeting("421 4.3.2 busy").start()) {
            SessionFailure failure = openFailure(server, settings().build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.SERVER_CLOSING);
            assertThat(wire(server)).isEmpty();
        }
    }

    @Test
    void ehlo500FallsBackToHeloWithoutExtensions() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .on("EHLO", "500 command unrecognized")
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(
                    SmtpEnvelope.of("a@example.org", "b@example.net"), message("Subject: hi\r\n\r\nbody\r\n"));
            session.close();

            assertThat(outcome.recipients())
                    .singleElement()
                    .extracting(RecipientOutcome::status)
                    .isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(session.capabilities().keywords()).isEmpty();
            assertThat(wire(server))
                    .isEqualTo(crlf(
                            "EHLO client.example.org",
                            "HELO client.example.org",
                            "MAIL FROM:<a@example.org>",
                            "RCPT TO:<b@example.net>",
                            "DATA",
                            "Subject: hi",
                            "",
                            "body",
                            ".",
                            "QUIT"));
        }
    }

    @Test
    void ehlo4xxIsTypedFailureWithoutHelo() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().on("EHLO", "451 4.3.0 try later").start()) {
            SessionFailure failure = openFailure(server, settings().build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.HELLO_REFUSED);
            assertThat(failure.reply()).extracting(SmtpReply::code).isEqualTo(451);
            assertThat(wire(server)).isEqualTo("EHLO client.example.org\r\nQUIT\r\n");
        }
    }

    @Test
    void tooManyEhloLinesIsProtocolError() throws IOException {
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < ReplyReader.MAX_LINES; i++) {
            reply.append("250-X").append(i).append("\r\n");
        }
        reply.append("250 LAST\r\n");
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .ehloReply(ScriptedReply.raw(reply.toString()))
                .start()) {
            SessionFailure failure = openFailure(server, settings().build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.PROTOCOL_ERROR);
            assertThat(failure.message()).contains("more than 100 lines");
        }
    }

    @Test
    void overlongReplyLineIsProtocolError() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .greeting("220 " + "x".repeat(ReplyReader.MAX_LINE_LENGTH))
                .start()) {
            SessionFailure failure = openFailure(server, settings().build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.PROTOCOL_ERROR);
            assertThat(failure.message()).contains("longer than 2048 octets");
        }
    }

    @Test
    void unreachableAddressIsConnectFailure() throws IOException {
        // A socket that is bound but not listening keeps its port from every other socket, and
        // the kernel rejects connections to it at once, so the port is reliably closed.
        try (Socket bound = new Socket()) {
            bound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress closedPort =
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getLocalPort());

            OpenResult result =
                    SmtpSession.open(SessionFixture.MX, closedPort, settings().build());

            assertThat(result).isInstanceOfSatisfying(OpenResult.Failed.class, failed -> assertThat(
                            failed.failure().kind())
                    .isEqualTo(SessionFailure.Kind.CONNECT_FAILED));
        }
    }
}
