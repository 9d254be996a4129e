package io.github.directdelivery.internal.smtp;

import static io.github.directdelivery.internal.smtp.SessionFixture.crlf;
import static io.github.directdelivery.internal.smtp.SessionFixture.message;
import static io.github.directdelivery.internal.smtp.SessionFixture.open;
import static io.github.directdelivery.internal.smtp.SessionFixture.openFailure;
import static io.github.directdelivery.internal.smtp.SessionFixture.settings;
import static io.github.directdelivery.internal.smtp.SessionFixture.transcript;
import static io.github.directdelivery.internal.smtp.SessionFixture.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.Credentials;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.TlsPolicy;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import io.github.directdelivery.testkit.TlsIdentity;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionRelayTest {

    private static final Credentials LOGIN = new Credentials("user", "secret");

    @Test
    void authPlainSendsInitialResponseAndRedactsIt() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("AUTH PLAIN LOGIN")
                .credentials("user", "secret")
                .start()) {
            SmtpSession session = open(server, settings().relay(LOGIN, false).build());
            List<String> lines = transcript(session.drainTranscript());
            session.close();

            // base64("\0user\0secret")
            assertThat(wire(server)).isEqualTo(crlf("EHLO client.example.org", "AUTH PLAIN AHVzZXIAc2VjcmV0", "QUIT"));
            assertThat(lines).contains("C: AUTH PLAIN <redacted>", "S: 235 2.7.0 authentication successful");
            assertThat(String.join("\n", lines)).doesNotContain("AHVzZXIAc2VjcmV0");
        }
    }

    @Test
    void authLoginAnswersBothChallengesAndRedactsThem() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("AUTH LOGIN")
                .credentials("user", "secret")
                .start()) {
            SmtpSession session = open(server, settings().relay(LOGIN, false).build());
            List<String> lines = transcript(session.drainTranscript());
            session.close();

            assertThat(wire(server))
                    .isEqualTo(crlf("EHLO client.example.org", "AUTH LOGIN", "dXNlcg==", "c2VjcmV0", "QUIT"));
            assertThat(lines)
                    .containsSubsequence(
                            "C: AUTH LOGIN",
                            "S: 334 VXNlcm5hbWU6",
                            "C: <redacted>",
                            "S: 334 UGFzc3dvcmQ6",
                            "C: <redacted>")
                    .noneMatch(line -> line.contains("dXNlcg==") || line.contains("c2VjcmV0"));
        }
    }

    @Test
    void wrongPasswordIsAuthFailure() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("AUTH PLAIN")
                .credentials("user", "other")
                .start()) {
            SessionFailure failure =
                    openFailure(server, settings().relay(LOGIN, false).build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.AUTH_FAILED);
            assertThat(failure.reply()).extracting(SmtpReply::code).isEqualTo(535);
        }
    }

    @Test
    void relayWithoutSupportedMechanismIsAuthFailure() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities("AUTH CRAM-MD5").start()) {
            SessionFailure failure =
                    openFailure(server, settings().relay(LOGIN, false).build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.AUTH_FAILED);
            assertThat(failure.message()).contains("CRAM-MD5");
            assertThat(wire(server)).doesNotContain("AUTH");
        }
    }

    @Test
    void implicitTlsRelayAuthenticatesAndDelivers() throws IOException {
        TlsIdentity identity = TlsIdentity.selfSigned(SessionFixture.MX);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .implicitTls(identity)
                .capabilities("AUTH PLAIN")
                .credentials("user", "secret")
                .start()) {
            SmtpSession session = open(
                    server,
                    settings()
                            .relay(LOGIN, true)
                            .tlsPolicy(TlsPolicy.VERIFIED)
                            .verifiedTls(identity.trustingClientContext())
                            .build());
            DeliveryOutcome outcome = session.deliver(
                    SmtpEnvelope.of("a@example.org", "b@example.net"), message("Subject: t\r\n\r\nhi\r\n"));
            session.close();

            assertThat(outcome.tls()).isNotNull();
            assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(wire(server)).startsWith(crlf("EHLO client.example.org", "AUTH PLAIN AHVzZXIAc2VjcmV0"));
        }
    }

    @Test
    void mxSettingsRejectCredentials() {
        SmtpSettings mx = settings().build();

        assertThatThrownBy(() -> new SmtpSettings(
                        mx.heloName(),
                        mx.tlsPolicy(),
                        SmtpTimeouts.defaults(),
                        null,
                        mx.verifiedTls(),
                        mx.unverifiedTls(),
                        false,
                        mx.watchdogScheduler(),
                        SmtpSettings.Role.MX,
                        LOGIN,
                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only for the relay");
    }

    @Test
    void mxSessionNeverAuthenticates() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("AUTH PLAIN")
                .credentials("user", "secret")
                .start()) {
            SmtpSession session = open(server);
            session.close();

            assertThat(wire(server)).isEqualTo(crlf("EHLO client.example.org", "QUIT"));
        }
    }
}
