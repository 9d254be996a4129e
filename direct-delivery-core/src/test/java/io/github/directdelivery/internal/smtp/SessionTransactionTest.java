package io.github.directdelivery.internal.smtp;

import static io.github.directdelivery.internal.smtp.SessionFixture.crlf;
import static io.github.directdelivery.internal.smtp.SessionFixture.message;
import static io.github.directdelivery.internal.smtp.SessionFixture.open;
import static io.github.directdelivery.internal.smtp.SessionFixture.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.internal.message.MessageContent;
import io.github.directdelivery.testkit.ReceivedMessage;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTransactionTest {

    private static final MessageContent HELLO = message("Subject: t\r\n\r\nhello\r\n");
    private static final String[] PIPELINING = {"PIPELINING", "ENHANCEDSTATUSCODES"};

    @Test
    void greylistedMailDefersEveryRecipient() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities(PIPELINING)
                .on("MAIL", "451 4.7.1 greylisted")
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome =
                    session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net", "c@example.net"), HELLO);
            session.close();

            assertThat(outcome.recipients()).hasSize(2).allSatisfy(recipient -> {
                assertThat(recipient.status()).isEqualTo(DeliveryStatus.DEFERRED);
                assertThat(recipient.reply()).hasToString("451 4.7.1 greylisted");
                assertThat(recipient.dataSent()).isFalse();
            });
            assertThat(outcome.failure()).isNull();
            assertThat(wire(server))
                    .isEqualTo(crlf(
                            "EHLO client.example.org",
                            "MAIL FROM:<a@example.org>",
                            "RCPT TO:<b@example.net>",
                            "RCPT TO:<c@example.net>",
                            "DATA",
                            "QUIT"));
        }
    }

    @Test
    void refusedRecipientSkipsContentThenResets() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities(PIPELINING)
                .onRecipient("nobody@example.net", "550 5.1.1 no such user")
                .on("DATA", "554 no valid recipients")
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome first = session.deliver(SmtpEnvelope.of("a@example.org", "nobody@example.net"), HELLO);
            DeliveryOutcome second = session.deliver(SmtpEnvelope.of("a@example.org", "nobody@example.net"), HELLO);
            session.close();

            RecipientOutcome refused = first.recipients().get(0);
            assertThat(refused.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(refused.reply()).extracting(SmtpReply::code).isEqualTo(550);
            assertThat(refused.reply()).extracting(SmtpReply::enhancedCode).hasToString("5.1.1");
            assertThat(second.recipients().get(0).status()).isEqualTo(DeliveryStatus.FAILED);
            String transaction = crlf("MAIL FROM:<a@example.org>", "RCPT TO:<nobody@example.net>", "DATA");
            assertThat(wire(server))
                    .isEqualTo("EHLO client.example.org\r\n" + transaction + "RSET\r\n" + transaction + "QUIT\r\n");
        }
    }

    @Test
    void lone354WithoutRecipientsGetsEmptyData() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities(PIPELINING)
                .onRecipient("nobody@example.net", "550 5.1.1 no such user")
                .on("DATA", "354 go ahead")
                .onEndOfData(ScriptedReply.of("554 5.5.1 no recipients"))
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "nobody@example.net"), HELLO);
            session.close();

            assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(wire(server))
                    .isEqualTo(crlf(
                            "EHLO client.example.org",
                            "MAIL FROM:<a@example.org>",
                            "RCPT TO:<nobody@example.net>",
                            "DATA",
                            ".",
                            "QUIT"));
        }
    }

    @Test
    void oneAcceptedOneRefusedDeliversToAccepted() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities(PIPELINING)
                .onRecipient("nobody@example.net", "550 5.1.1 no such user")
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome =
                    session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net", "nobody@example.net"), HELLO);
            session.close();

            assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(outcome.recipients().get(0).reply())
                    .extracting(SmtpReply::code)
                    .isEqualTo(250);
            assertThat(outcome.recipients().get(0).dataSent()).isTrue();
            assertThat(outcome.recipients().get(1).status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(outcome.recipients().get(1).reply())
                    .extracting(SmtpReply::code)
                    .isEqualTo(550);
            assertThat(server.messages())
                    .singleElement()
                    .extracting(ReceivedMessage::recipients)
                    .isEqualTo(List.of("b@example.net"));
            assertThat(wire(server))
                    .isEqualTo(crlf(
                            "EHLO client.example.org",
                            "MAIL FROM:<a@example.org>",
                            "RCPT TO:<b@example.net>",
                            "RCPT TO:<nobody@example.net>",
                            "DATA",
                            "Subject: t",
                            "",
                            "hello",
                            ".",
                            "QUIT"));
        }
    }

    @Test
    void manyRecipientsSplitIntoTransactionsOfHundred() throws IOException {
        List<ScriptedReply> rcptReplies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rcptReplies.add(ScriptedReply.of("250 2.1.5 ok"));
        }
        rcptReplies.add(ScriptedReply.of("452 4.5.3 too many recipients"));
        rcptReplies.add(ScriptedReply.of("250 2.1.5 ok"));
        List<String> recipients = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            recipients.add("r" + i + "@example.net");
        }
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities(PIPELINING)
                .on("RCPT", rcptReplies.toArray(ScriptedReply[]::new))
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome =
                    session.deliver(new SmtpEnvelope("a@example.org", recipients, DsnOptions.none()), HELLO);
            session.close();

            assertThat(outcome.recipients()).hasSize(150).allSatisfy(r -> assertThat(r.status())
                    .isEqualTo(DeliveryStatus.DELIVERED));
            assertThat(outcome.transactions()).hasSize(2);
            assertThat(outcome.transactions().get(0).postponed()).containsExactly("r7@example.net");
            List<ReceivedMessage> messages = server.messages();
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0).recipients()).hasSize(99).doesNotContain("r7@example.net");
            assertThat(messages.get(1).recipients()).hasSize(51).startsWith("r7@example.net", "r101@example.net");
            long rcptCommands =
                    server.awaitConnection(0, SessionFixture.WAIT).awaitClosed(SessionFixture.WAIT).commands().stream()
                            .filter(c -> c.startsWith("RCPT"))
                            .count();
            assertThat(rcptCommands).isEqualTo(151);
        }
    }

    @Test
    void recipientRefusedWith452AgainWithoutProgressIsDeferred() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities(PIPELINING)
                .on("RCPT", "452 4.5.3 too many recipients")
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), HELLO);
            session.close();

            assertThat(outcome.recipients()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(DeliveryStatus.DEFERRED);
                assertThat(r.reply()).extracting(SmtpReply::code).isEqualTo(452);
            });
            assertThat(outcome.transactions()).hasSize(1);
        }
    }

    @Test
    void longBatchIsReadBetweenWrites() throws IOException {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            recipients.add("r" + i + "-" + "x".repeat(180) + "@example.net");
        }
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities(PIPELINING).start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome =
                    session.deliver(new SmtpEnvelope("a@example.org", recipients, DsnOptions.none()), HELLO);
            List<String> lines = SessionFixture.transcript(outcome.transcript());
            session.close();

            assertThat(outcome.recipients())
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.DELIVERED));
            // About 20 KB of commands: replies are read after each batch of at most 8 KB.
            int firstRcpt = lines.indexOf("C: RCPT TO:<" + recipients.get(0) + ">");
            int lastRcpt = lines.indexOf("C: RCPT TO:<" + recipients.get(99) + ">");
            assertThat(lines.subList(firstRcpt, lastRcpt)).anyMatch(line -> line.startsWith("S: 250"));
            int longestCommand = ("RCPT TO:<" + recipients.get(99) + ">\r\n").length();
            int written = 0;
            for (String line : lines.subList(lines.indexOf("C: MAIL FROM:<a@example.org>"), lastRcpt + 1)) {
                // A transcript line is "C: " and the command; on the wire the command ends with CRLF.
                written = line.startsWith("S: ") ? 0 : written + line.length() - 1;
                assertThat(written).isLessThan(MailTransaction.BATCH_OCTETS + longestCommand);
            }
        }
    }

    @Test
    void noBdatWhenNoRecipientAccepted() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("PIPELINING", "CHUNKING")
                .on("RCPT", "550 5.1.1 no such user")
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome =
                    session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net", "c@example.net"), HELLO);
            session.close();

            assertThat(outcome.recipients())
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.FAILED));
            assertThat(wire(server))
                    .isEqualTo(crlf(
                            "EHLO client.example.org",
                            "MAIL FROM:<a@example.org>",
                            "RCPT TO:<b@example.net>",
                            "RCPT TO:<c@example.net>",
                            "QUIT"));
        }
    }

    @Test
    void dataDotStuffsLinesStartingWithPeriod() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities(PIPELINING).start()) {
            SmtpSession session = open(server);
            session.deliver(
                    SmtpEnvelope.of("a@example.org", "b@example.net"), message("hello\r\n.\r\nworld\r\n.leading\r\n"));
            session.close();

            assertThat(wire(server)).contains(crlf("DATA", "hello", "..", "world", "..leading", ".", "QUIT"));
            assertThat(server.messages().get(0).contentText()).isEqualTo(crlf("hello", ".", "world", ".leading"));
        }
    }

    @Test
    void bdatPayloadIsExactNormalisedBytes() throws IOException {
        byte[] input =
                "Subject: mixed\n\nbare lf\nbare cr\rcrlf\r\n.dot\nno newline".getBytes(StandardCharsets.US_ASCII);
        String normalised = crlf("Subject: mixed", "", "bare lf", "bare cr", "crlf", ".dot", "no newline");
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("PIPELINING", "CHUNKING")
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome =
                    session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), message(input));
            session.close();

            assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(wire(server))
                    .isEqualTo(crlf("EHLO client.example.org", "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>")
                            + "BDAT " + normalised.length() + " LAST\r\n" + normalised + "QUIT\r\n");
            assertThat(server.messages().get(0).contentText()).isEqualTo(normalised);
        }
    }

    @Test
    void bareLfFoldedHeaderGetsCrlf() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities(PIPELINING).start()) {
            SmtpSession session = open(server);
            session.deliver(
                    SmtpEnvelope.of("a@example.org", "b@example.net"),
                    message("Subject: a long\n subject\nTo: b@example.net\n\nbody\n"));
            session.close();

            assertThat(server.messages().get(0).contentText())
                    .isEqualTo(crlf("Subject: a long", " subject", "To: b@example.net", "", "body"));
        }
    }

    @Test
    void crlfInAddressIsRejectedBeforeAnyCommand() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start()) {
            SmtpSession session = open(server);

            assertThatThrownBy(() -> SmtpEnvelope.of("a@example.org", "b@example.net>\r\nRCPT TO:<evil@example.com"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("recipient address must not contain CR, LF or NUL");
            assertThatThrownBy(() -> SmtpEnvelope.of("a@example.org\nDATA", "b@example.net"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sender address");
            assertThatThrownBy(() -> SmtpEnvelope.of("a@example.org", "b\0@example.net"))
                    .isInstanceOf(IllegalArgumentException.class);
            session.close();

            assertThat(wire(server)).isEqualTo(crlf("EHLO client.example.org", "QUIT"));
        }
    }

    @Test
    void overlongLineIsRejectedBeforeMail() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start()) {
            SmtpSession session = open(server);
            MessageContent content = message("Subject: x\r\n\r\n" + "a".repeat(999) + "\r\n");

            assertThatThrownBy(() -> session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), content))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("line of 999 octets");
            session.close();

            assertThat(wire(server)).doesNotContain("MAIL");
        }
    }

    @Test
    void server421MidSessionDefersAndSendsNothingMore() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("ENHANCEDSTATUSCODES")
                .on("RCPT", ScriptedReply.of("250 2.1.5 ok"), ScriptedReply.of("421 4.3.0 shutting down"))
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(
                    SmtpEnvelope.of("a@example.org", "b@example.net", "c@example.net", "d@example.net"), HELLO);
            session.close();

            assertThat(outcome.failure())
                    .extracting(SessionFailure::kind)
                    .isEqualTo(SessionFailure.Kind.SERVER_CLOSING);
            assertThat(outcome.recipients()).hasSize(3).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(DeliveryStatus.DEFERRED);
                assertThat(r.dataSent()).isFalse();
            });
            assertThat(outcome.recipients().get(1).reply())
                    .extracting(SmtpReply::code)
                    .isEqualTo(421);
            assertThat(session.isReusable()).isFalse();
            assertThat(wire(server))
                    .isEqualTo(crlf(
                            "EHLO client.example.org",
                            "MAIL FROM:<a@example.org>",
                            "RCPT TO:<b@example.net>",
                            "RCPT TO:<c@example.net>"));
        }
    }

    @Test
    void dsnParametersSentWhenOfferedAndRequested() throws IOException {
        DsnOptions dsn = new DsnOptions(
                EnumSet.of(DsnOptions.Notify.SUCCESS, DsnOptions.Notify.FAILURE),
                DsnOptions.Return.HEADERS,
                "id 1+x=y");
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities("DSN").start()) {
            SmtpSession session = open(server);
            session.deliver(new SmtpEnvelope("a@example.org", List.of("b+tag@example.net"), dsn), HELLO);
            session.close();

            assertThat(wire(server))
                    .contains(crlf(
                            "MAIL FROM:<a@example.org> RET=HDRS ENVID=id+201+2Bx+3Dy",
                            "RCPT TO:<b+tag@example.net> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b+2Btag@example.net"));
        }
    }

    @Test
    void dsnParametersOmittedWhenNotOffered() throws IOException {
        DsnOptions dsn = new DsnOptions(EnumSet.of(DsnOptions.Notify.NEVER), DsnOptions.Return.FULL, "id");
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities("8BITMIME").start()) {
            SmtpSession session = open(server);
            session.deliver(new SmtpEnvelope("a@example.org", List.of("b@example.net"), dsn), HELLO);
            session.close();

            assertThat(wire(server)).contains(crlf("MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>"));
        }
    }

    @Test
    void severalMessagesShareOneConnection() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities(PIPELINING).start()) {
            SmtpSession session = open(server);
            for (int i = 0; i < 3; i++) {
                DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), HELLO);
                assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(session.isReusable()).isTrue();
            }
            assertThat(session.reset()).isTrue();
            session.close();

            assertThat(server.connections()).hasSize(1);
            assertThat(server.messages()).hasSize(3);
            assertThat(wire(server)).doesNotContain("RSET\r\nMAIL").endsWith(crlf(".", "RSET", "QUIT"));
        }
    }

    @Test
    void idleConnectionClosedOnMailNeedsReconnect() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities(PIPELINING)
                .on("MAIL", ScriptedReply.of("250 2.1.0 ok"), ScriptedReply.disconnect())
                .start()) {
            SmtpSession session = open(server);
            session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), HELLO);
            DeliveryOutcome second = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), HELLO);

            assertThat(second.failure())
                    .extracting(SessionFailure::kind)
                    .isEqualTo(SessionFailure.Kind.NEEDS_RECONNECT);
            assertThat(second.recipients().get(0).status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(second.recipients().get(0).outcomeUnknown()).isFalse();
            assertThat(session.isReusable()).isFalse();
        }
    }

    @Test
    void idleConnectionAnswering421ToRsetNeedsReconnect() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .on("RSET", "421 4.4.2 idle timeout")
                .start()) {
            SmtpSession session = open(server);

            assertThat(session.reset()).isFalse();
            assertThat(session.closeReason())
                    .extracting(SessionFailure::kind)
                    .isEqualTo(SessionFailure.Kind.NEEDS_RECONNECT);
            assertThat(wire(server)).isEqualTo(crlf("EHLO client.example.org", "RSET"));
        }
    }

    @Test
    void idleConnectionAnswering421ToMailNeedsReconnect() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .on("MAIL", ScriptedReply.of("250 2.1.0 ok"), ScriptedReply.of("421 4.4.2 idle timeout"))
                .start()) {
            SmtpSession session = open(server);
            session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), HELLO);
            DeliveryOutcome second = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), HELLO);

            assertThat(second.failure())
                    .extracting(SessionFailure::kind)
                    .isEqualTo(SessionFailure.Kind.NEEDS_RECONNECT);
            assertThat(second.recipients().get(0).status()).isEqualTo(DeliveryStatus.DEFERRED);
        }
    }
}
