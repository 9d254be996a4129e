package io.github.directdelivery.internal.smtp;

import static io.github.directdelivery.internal.smtp.SessionFixture.MX;
import static io.github.directdelivery.internal.smtp.SessionFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SendDeadlineTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void limitIsSmallerOfTimeoutAndTimeLeft() {
        SendDeadline deadline = SendDeadline.at(NOW.plusSeconds(30), Duration.ofMinutes(1), CLOCK);

        assertThat(deadline.limit(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
        assertThat(deadline.limit(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void limitIsZeroOnceDeadlinePassed() {
        SendDeadline deadline = SendDeadline.at(NOW.minusSeconds(1), Duration.ofMinutes(1), CLOCK);

        assertThat(deadline.limit(Duration.ofMinutes(5))).isZero();
    }

    @Test
    void noneKeepsEveryTimeout() {
        assertThat(SendDeadline.none().limit(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void passedDeadlineNamesTimeoutAndStep() {
        SendDeadline deadline = SendDeadline.at(NOW, Duration.ofSeconds(10), CLOCK);

        SendDeadlineException e = deadline.passed("waiting for the greeting from mx.example.net [127.0.0.1]", null);

        assertThat(e)
                .hasMessage("the send deadline of PT10S passed while waiting for the greeting from mx.example.net"
                        + " [127.0.0.1]");
        assertThat(e.toFailure(SessionFailure.Kind.TIMEOUT).statusCode()).isEqualTo(new EnhancedStatusCode(4, 4, 7));
    }

    @Test
    void passedDeadlineStopsOpenBeforeConnecting() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start()) {
            SendDeadline passed = SendDeadline.at(NOW, Duration.ofSeconds(10), CLOCK);

            OpenResult result =
                    SmtpSession.open(MX, server.address(), settings().build(), passed);

            assertThat(result).isInstanceOf(OpenResult.Failed.class);
            SessionFailure failure = ((OpenResult.Failed) result).failure();
            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.CONNECT_FAILED);
            assertThat(failure.message()).startsWith("the send deadline of PT10S passed while connecting to " + MX);
            assertThat(server.connections()).isEmpty();
        }
    }

    @Test
    void passedDeadlineCutsDeliveryOnOpenSession() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start()) {
            SmtpSession session = SessionFixture.open(server);
            SendDeadline passed = SendDeadline.at(NOW, Duration.ofSeconds(10), CLOCK);

            DeliveryOutcome cut = session.deliver(
                    SmtpEnvelope.of("a@example.org", "b@example.net"),
                    SessionFixture.message("Subject: t\r\n\r\nhi\r\n"),
                    passed);
            assertThat(cut.recipients().get(0).status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(cut.failure()).extracting(SessionFailure::statusCode).isEqualTo(new EnhancedStatusCode(4, 4, 7));
            assertThat(session.isReusable()).isFalse();
            assertThat(server.messages()).isEmpty();
        }
    }
}
