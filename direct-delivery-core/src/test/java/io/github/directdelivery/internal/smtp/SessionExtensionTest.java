package io.github.directdelivery.internal.smtp;

import static io.github.directdelivery.internal.smtp.SessionFixture.crlf;
import static io.github.directdelivery.internal.smtp.SessionFixture.message;
import static io.github.directdelivery.internal.smtp.SessionFixture.open;
import static io.github.directdelivery.internal.smtp.SessionFixture.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.internal.message.MessageContent;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionExtensionTest {

    private static final MessageContent ASCII = message("Subject: t\r\n\r\nhello\r\n");
    private static final MessageContent EIGHT_BIT_BODY = message("Subject: t\r\n\r\ngrüße\r\n");
    private static final MessageContent UTF8_SUBJECT = message("Subject: grüße\r\n\r\nhello\r\n");
    private static final String GREEK = "δοκιμή@example.net";

    @Test
    void eightBitBodyToServerWithout8bitmimeIsUnsuitable() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities("PIPELINING").start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome =
                    session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), EIGHT_BIT_BODY);
            boolean reusable = session.isReusable();
            session.close();

            assertUnsuitable(outcome, "5.6.3");
            assertThat(reusable).isTrue();
            assertThat(wire(server)).isEqualTo(crlf("EHLO client.example.org", "QUIT"));
        }
    }

    @Test
    void eightBitBodyDeclaresBody8bitmime() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities("8BITMIME").start()) {
            SmtpSession session = open(server);
            session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), EIGHT_BIT_BODY);
            session.close();

            assertThat(wire(server)).contains("MAIL FROM:<a@example.org> BODY=8BITMIME\r\n");
        }
    }

    @Test
    void messageOverSizeLimitIsUnsuitable() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities("SIZE 20").start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), ASCII);
            session.close();

            assertUnsuitable(outcome, "5.3.4");
            assertThat(wire(server)).doesNotContain("MAIL");
        }
    }

    @Test
    void sizeIsDeclaredWhenOffered() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities("size 1000000").start()) {
            SmtpSession session = open(server);
            session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), ASCII);
            session.close();

            assertThat(wire(server))
                    .contains("MAIL FROM:<a@example.org> SIZE=" + ASCII.facts().size() + "\r\n");
        }
    }

    @Test
    void smtputf8OnlyInTransactionWithNonAsciiAddress() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("PIPELINING", "8BITMIME", "SMTPUTF8")
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net", GREEK), ASCII);
            session.close();

            assertThat(outcome.recipients())
                    .extracting(RecipientOutcome::status)
                    .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED);
            assertThat(outcome.transactions()).hasSize(2);
            assertThat(wire(server))
                    .contains(crlf("MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>", "DATA"))
                    .contains(crlf("MAIL FROM:<a@example.org> SMTPUTF8", "RCPT TO:<" + GREEK + ">", "DATA"));
            assertThat(server.messages())
                    .extracting(m -> m.recipients())
                    .containsExactly(List.of("b@example.net"), List.of(GREEK));
        }
    }

    @Test
    void utf8HeaderNeedsSmtputf8ForEveryTransaction() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("PIPELINING", "8BITMIME", "SMTPUTF8")
                .start()) {
            SmtpSession session = open(server);
            session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net", GREEK), UTF8_SUBJECT);
            session.close();

            assertThat(wire(server))
                    .contains(crlf(
                            "MAIL FROM:<a@example.org> BODY=8BITMIME SMTPUTF8",
                            "RCPT TO:<b@example.net>",
                            "RCPT TO:<" + GREEK + ">"));
        }
    }

    @Test
    void nonAsciiAddressWithoutSmtputf8IsUnsuitable() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities("8BITMIME").start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net", GREEK), ASCII);
            session.close();

            assertUnsuitable(outcome, "5.6.7");
            assertThat(wire(server)).doesNotContain("MAIL");
        }
    }

    @Test
    void utf8HeaderWithoutSmtputf8IsUnsuitable() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities("8BITMIME").start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), UTF8_SUBJECT);
            session.close();

            assertUnsuitable(outcome, "5.6.9");
            assertThat(wire(server)).doesNotContain("MAIL");
        }
    }

    private static void assertUnsuitable(DeliveryOutcome outcome, String statusCode) {
        assertThat(outcome.failure()).isNotNull().satisfies(failure -> {
            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.HOST_UNSUITABLE);
            assertThat(failure.statusCode()).hasToString(statusCode);
        });
        assertThat(outcome.transactions()).isEmpty();
        assertThat(outcome.recipients()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(r.failure()).isSameAs(outcome.failure());
        });
    }
}
