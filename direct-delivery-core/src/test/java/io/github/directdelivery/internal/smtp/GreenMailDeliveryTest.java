package io.github.directdelivery.internal.smtp;

import static io.github.directdelivery.internal.smtp.SessionFixture.crlf;
import static io.github.directdelivery.internal.smtp.SessionFixture.message;
import static io.github.directdelivery.internal.smtp.SessionFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.directdelivery.DeliveryStatus;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivers through the session to GreenMail, a real SMTP server implementation, on loopback. */
class GreenMailDeliveryTest {

    private static final String MESSAGE = crlf(
            "From: a@example.org",
            "To: b@example.net",
            "Subject: through a real server",
            "Message-ID: <1@example.org>",
            "",
            "first line",
            ".a line that starts with a period",
            ".",
            "last line");

    private GreenMail greenMail;

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    @AfterEach
    void stopGreenMail() {
        greenMail.stop();
    }

    @Test
    void messageArrivesIntact() throws Exception {
        InetSocketAddress address = new InetSocketAddress(
                InetAddress.getLoopbackAddress(), greenMail.getSmtp().getPort());
        OpenResult result = SmtpSession.open("localhost", address, settings().build());
        assertThat(result).isInstanceOf(OpenResult.Opened.class);

        DeliveryOutcome outcome;
        try (SmtpSession session = ((OpenResult.Opened) result).session()) {
            outcome = session.deliver(
                    SmtpEnvelope.of("a@example.org", "b@example.net", "c@example.net"), message(MESSAGE));
        }

        assertThat(outcome.recipients())
                .extracting(RecipientOutcome::status)
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED);
        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage received = greenMail.getReceivedMessagesForDomain("example.net")[0];
        assertThat(received.getSubject()).isEqualTo("through a real server");
        // GreenMail adds Return-Path and Received above the message and drops the final CRLF.
        String whole = GreenMailUtil.getWholeMessage(received);
        assertThat(whole.substring(whole.indexOf("From: "))).isEqualTo(MESSAGE.substring(0, MESSAGE.length() - 2));
        assertThat(GreenMailUtil.getBody(received))
                .isEqualTo("first line\r\n.a line that starts with a period\r\n.\r\nlast line");
    }
}
