package io.github.directdelivery.internal.smtp;

import static io.github.directdelivery.internal.smtp.SessionFixture.crlf;
import static io.github.directdelivery.internal.smtp.SessionFixture.message;
import static io.github.directdelivery.internal.smtp.SessionFixture.open;
import static io.github.directdelivery.internal.smtp.SessionFixture.openFailure;
import static io.github.directdelivery.internal.smtp.SessionFixture.settings;
import static io.github.directdelivery.internal.smtp.SessionFixture.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.TlsPolicy;
import io.github.directdelivery.internal.message.MessageContent;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import io.github.directdelivery.testkit.TlsIdentity;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SessionTlsTest {

    private static final TlsIdentity MX_IDENTITY = TlsIdentity.selfSigned(SessionFixture.MX);
    private static final TlsIdentity OTHER_IDENTITY = TlsIdentity.selfSigned("other.example.com");
    private static final MessageContent HELLO = message("Subject: t\r\n\r\nhello\r\n");

    @Test
    void starttlsOnFinalEhloLineIsUsed() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("PIPELINING", "STARTTLS")
                .startTls(MX_IDENTITY)
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), HELLO);
            session.close();

            assertThat(outcome.tls()).isNotNull();
            assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(server.awaitConnection(0, SessionFixture.WAIT).tls()).isTrue();
            assertThat(wire(server))
                    .startsWith(crlf(
                            "EHLO client.example.org",
                            "STARTTLS",
                            "EHLO client.example.org",
                            "MAIL FROM:<a@example.org>"));
        }
    }

    @Test
    void dropAfterStarttls220AllowsPlaintextRetryWhenOpportunistic() throws IOException {
        try (ScriptedSmtpServer server = dropsAfterStarttls()) {
            SessionFailure failure = openFailure(
                    server, settings().tlsPolicy(TlsPolicy.OPPORTUNISTIC).build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.TLS_FAILED);
            assertThat(failure.plaintextRetryAllowed()).isTrue();
        }
    }

    @Test
    void dropAfterStarttls220DefersWhenRequired() throws IOException {
        try (ScriptedSmtpServer server = dropsAfterStarttls()) {
            SessionFailure failure =
                    openFailure(server, settings().tlsPolicy(TlsPolicy.REQUIRED).build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.TLS_FAILED);
            assertThat(failure.plaintextRetryAllowed()).isFalse();
        }
    }

    @Test
    void bytesAfterStarttls220AreProtocolError() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("STARTTLS")
                .startTls(MX_IDENTITY)
                .on("STARTTLS", ScriptedReply.raw("220 go ahead\r\n250-injected\r\n"))
                .start()) {
            SessionFailure failure = openFailure(server, settings().build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.PROTOCOL_ERROR);
            assertThat(failure.message()).contains("unexpected bytes after its 220 reply to STARTTLS");
        }
    }

    @Test
    void missingStarttlsDefersWhenRequired() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().capabilities("PIPELINING").start()) {
            SessionFailure failure =
                    openFailure(server, settings().tlsPolicy(TlsPolicy.REQUIRED).build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.TLS_UNAVAILABLE);
            assertThat(wire(server)).isEqualTo(crlf("EHLO client.example.org", "QUIT"));
        }
    }

    @Test
    void refusedStarttlsContinuesInPlaintextWhenOpportunistic() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("STARTTLS")
                .on("STARTTLS", "454 4.7.0 TLS not available")
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), HELLO);
            session.close();

            assertThat(outcome.tls()).isNull();
            assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
        }
    }

    @Test
    void certificateForOtherNameIsAcceptedWhenOpportunistic() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().startTls(OTHER_IDENTITY).start()) {
            SmtpSession session =
                    open(server, settings().tlsPolicy(TlsPolicy.OPPORTUNISTIC).build());
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), HELLO);
            session.close();

            assertThat(outcome.tls()).isNotNull();
            assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
        }
    }

    @Test
    void certificateForOtherNameDefersWhenVerified() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().startTls(OTHER_IDENTITY).start()) {
            SessionFailure failure = openFailure(
                    server,
                    settings()
                            .tlsPolicy(TlsPolicy.VERIFIED)
                            .verifiedTls(OTHER_IDENTITY.trustingClientContext())
                            .build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.TLS_FAILED);
            assertThat(failure.plaintextRetryAllowed()).isFalse();
        }
    }

    @Test
    void untrustedCertificateDefersWhenVerified() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().startTls(MX_IDENTITY).start()) {
            SessionFailure failure = openFailure(
                    server,
                    settings()
                            .tlsPolicy(TlsPolicy.VERIFIED)
                            .verifiedTls(OTHER_IDENTITY.trustingClientContext())
                            .build());

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.TLS_FAILED);
        }
    }

    @Test
    void trustedCertificateForHostDeliversWhenVerified() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().startTls(MX_IDENTITY).start()) {
            SmtpSession session = open(
                    server,
                    settings()
                            .tlsPolicy(TlsPolicy.VERIFIED)
                            .verifiedTls(MX_IDENTITY.trustingClientContext())
                            .build());
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), HELLO);
            session.close();

            assertThat(outcome.tls()).isNotNull().satisfies(tls -> {
                assertThat(tls.protocol()).startsWith("TLSv1.");
                assertThat(tls.cipher()).startsWith("TLS_");
            });
            assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
        }
    }

    @Test
    void trailingDotIgnoredWhenVerifying() throws IOException {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.builder().startTls(MX_IDENTITY).start()) {
            OpenResult result = SmtpSession.open(
                    SessionFixture.MX + ".",
                    server.address(),
                    settings()
                            .tlsPolicy(TlsPolicy.VERIFIED)
                            .verifiedTls(MX_IDENTITY.trustingClientContext())
                            .build());

            assertThat(result).isInstanceOfSatisfying(OpenResult.Opened.class, opened -> {
                assertThat(opened.session().tls()).isNotNull();
                opened.session().close();
            });
        }
    }

    private static ScriptedSmtpServer dropsAfterStarttls() throws IOException {
        return ScriptedSmtpServer.builder()
                .capabilities("STARTTLS")
                .on("STARTTLS", ScriptedReply.of("220 2.0.0 go ahead").thenDisconnect())
                .start();
    }
}
