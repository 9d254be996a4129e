package io.github.directdelivery.e2e;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.RetrySettings;
import io.github.directdelivery.TlsPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The failure and routing scenarios against the real Postfix and NSD, through the library API. Each
 * scenario is one check: it sends one small message and compares the recipient's result, and for
 * deliveries the Maildir, with what the scenario's DNS data and Postfix's answers call for.
 */
final class Scenarios {

    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(20);

    private final Peers peers;
    private final String runId;
    private final Maildir maildir;
    private final List<String> connections = new CopyOnWriteArrayList<>();
    private @Nullable RecipientResult lastResult;

    Scenarios(Peers peers, String runId) {
        this.peers = peers;
        this.runId = runId;
        this.maildir = new Maildir(peers.maildirRoot());
    }

    void run(Report report) throws IOException, InterruptedException, GeneralSecurityException {
        reportScenario(
                report,
                "scenario: recipient answered 550",
                expect(send("rejected", "DELIVER", b -> b), DeliveryStatus.FAILED, 550, "5.1.1", "mx1.e2e.test"),
                "FAILED 550 5.1.1 by mx1.e2e.test");

        reportScenario(
                report,
                "scenario: recipient answered 450",
                expect(send("deferred", "DELIVER", b -> b), DeliveryStatus.DEFERRED, 450, "4.2.0", "mx1.e2e.test"),
                "DEFERRED 450 4.2.0 by mx1.e2e.test");

        reportScenario(
                report,
                "scenario: first MX has nothing listening",
                delivered(send("backup", "BACKUP_MX", b -> b), "mx2.e2e.test", "127.0.0.3", false, true),
                "refused at 127.0.0.9, DELIVERED by mx2.e2e.test [127.0.0.3]");

        reportScenario(
                report,
                "scenario: first address of the MX has nothing listening",
                delivered(send("second-address", "TWO_ADDRESSES", b -> b), "mx-two.e2e.test", "127.0.0.3", false, true),
                "refused at 127.0.0.9, DELIVERED by mx-two.e2e.test [127.0.0.3]");

        reportScenario(
                report,
                "scenario: null MX",
                unconnected(send("someone", "NULL_MX", b -> b), DeliveryStatus.FAILED, EnhancedStatusCode.NULL_MX),
                "FAILED 5.1.10 without a connection");

        reportScenario(
                report,
                "scenario: domain does not exist",
                unconnected(
                        send("someone", "NXDOMAIN", b -> b),
                        DeliveryStatus.FAILED,
                        EnhancedStatusCode.BAD_DESTINATION_SYSTEM),
                "FAILED 5.1.2 without a connection");

        reportScenario(
                report,
                "scenario: MX host without an address",
                unconnected(
                        send("someone", "NO_ADDRESS", b -> b),
                        DeliveryStatus.FAILED,
                        EnhancedStatusCode.UNABLE_TO_ROUTE),
                "FAILED 5.4.4 without a connection");

        reportScenario(
                report,
                "scenario: every MX address refuses connections",
                expect(send("someone", "UNREACHABLE", b -> b), DeliveryStatus.DEFERRED, null, null, null),
                "DEFERRED");

        reportScenario(
                report,
                "scenario: domain without MX record",
                delivered(send("implicit", "IMPLICIT_MX", b -> b), "implicit-mx.e2e.test", "127.0.0.2", false, false),
                "DELIVERED by the domain's own address 127.0.0.2");

        reportScenario(
                report,
                "scenario: MX host name is a CNAME",
                delivered(send("alias", "MX_CNAME", b -> b), "mx-alias.e2e.test", "127.0.0.2", false, false),
                "DELIVERED by 127.0.0.2 through the alias");

        reportScenario(
                report,
                "scenario: STARTTLS with a self-signed certificate, policy OPPORTUNISTIC",
                delivered(send("opportunistic", "TLS", b -> b), "mx-tls.e2e.test", "127.0.0.4", true, false),
                "DELIVERED with TLS recorded in the report and in Received");

        reportScenario(
                report,
                "scenario: STARTTLS with a self-signed certificate, policy VERIFIED",
                notDelivered(send("verified", "TLS", b -> b.tlsPolicy(TlsPolicy.VERIFIED)), DeliveryStatus.DEFERRED),
                "DEFERRED, nothing delivered");

        SSLContext trusting = trustingContext();

        reportScenario(
                report,
                "scenario: STARTTLS, policy VERIFIED, certificate trusted",
                delivered(
                        send("verified-trusted", "TLS", b -> b.tlsPolicy(TlsPolicy.VERIFIED)
                                .verifiedTlsContext(trusting)),
                        "mx-tls.e2e.test",
                        "127.0.0.4",
                        true,
                        false),
                "DELIVERED over verified TLS");

        reportScenario(
                report,
                "scenario: message larger than the SIZE limit",
                notDelivered(
                        send("large", "SIZE_LIMIT", b -> b, largeMessage()),
                        DeliveryStatus.FAILED,
                        EnhancedStatusCode.parse("5.3.4")),
                "FAILED 5.3.4, nothing delivered");

        reportScenario(
                report,
                "scenario: message smaller than the SIZE limit",
                delivered(send("small", "SIZE_LIMIT", b -> b), "mx-small.e2e.test", "127.0.0.5", false, false),
                "DELIVERED by mx-small.e2e.test");

        reportScenario(
                report,
                "scenario: UTF-8 header field, server without SMTPUTF8",
                notDelivered(
                        send("utf8", "NO_SMTPUTF8", b -> b, utf8Message()),
                        DeliveryStatus.FAILED,
                        EnhancedStatusCode.parse("5.6.9")),
                "FAILED 5.6.9, nothing delivered");

        reportScenario(
                report,
                "scenario: ASCII message, server without SMTPUTF8",
                delivered(send("ascii", "NO_SMTPUTF8", b -> b), "mx-ascii.e2e.test", "127.0.0.6", false, false),
                "DELIVERED by mx-ascii.e2e.test");
    }

    /** Reports a scenario, with the result of its send on success, so the log shows the reply and TLS. */
    private void reportScenario(Report report, String scenario, @Nullable String problem, String expectation) {
        RecipientResult result = lastResult;
        String detail = result == null
                ? expectation
                : expectation + " (" + result + (result.tls() == null ? "" : ", " + result.tls()) + ")";
        report.check(scenario, problem, detail);
    }

    /** The result of one send, with the addresses the client connected to. */
    private record Sent(RecipientResult result, List<String> connections) {}

    private Sent send(String localPart, String scenario, UnaryOperator<DirectDelivery.Builder> options) {
        return send(localPart, scenario, options, message("Scenario " + localPart));
    }

    private Sent send(
            String localPart, String scenario, UnaryOperator<DirectDelivery.Builder> options, String message) {
        String recipient = localPart.equals("rejected") || localPart.equals("deferred")
                ? localPart + "@" + peers.domain(scenario)
                : localPart + "-" + runId + "@" + peers.domain(scenario);
        connections.clear();
        DirectDelivery.Builder builder = DirectDelivery.builder()
                .heloName(CorpusDelivery.HELO)
                .dnsServer(peers.dnsServer())
                .smtpPort(peers.smtpPort())
                .allowLocalDestinations(true)
                .retry(RetrySettings.defaults().withInitialInterval(Duration.ofMillis(100)))
                .listener(new DeliveryListener() {
                    @Override
                    public void connectStart(String host, InetSocketAddress address) {
                        connections.add(address.getAddress().getHostAddress());
                    }
                });
        try (DirectDelivery client = options.apply(builder).build()) {
            DeliveryReport report =
                    client.send(Envelope.of(CorpusDelivery.SENDER, recipient), MessageSource.ofString(message));
            lastResult = report.results().get(0);
            return new Sent(lastResult, List.copyOf(connections));
        }
    }

    private static @Nullable String expect(
            Sent sent,
            DeliveryStatus status,
            @Nullable Integer code,
            @Nullable String enhancedCode,
            @Nullable String host) {
        RecipientResult result = sent.result();
        boolean matches = result.status() == status
                && (code == null || code.equals(result.code()))
                && (enhancedCode == null
                        || EnhancedStatusCode.parse(enhancedCode).equals(result.enhancedCode()))
                && (host == null || host.equals(result.host()));
        return matches ? null : "got " + result;
    }

    private static @Nullable String unconnected(Sent sent, DeliveryStatus status, EnhancedStatusCode code) {
        RecipientResult result = sent.result();
        if (result.status() != status || !code.equals(result.enhancedCode()) || result.host() != null) {
            return "got " + result;
        }
        return sent.connections().isEmpty() ? null : "connected to " + sent.connections();
    }

    private @Nullable String notDelivered(Sent sent, DeliveryStatus status) throws InterruptedException {
        return notDelivered(sent, status, null);
    }

    private @Nullable String notDelivered(Sent sent, DeliveryStatus status, @Nullable EnhancedStatusCode code)
            throws InterruptedException {
        RecipientResult result = sent.result();
        if (result.status() != status || (code != null && !code.equals(result.enhancedCode()))) {
            return "got " + result;
        }
        // Anything that Postfix accepted would be in the Maildir within a second.
        Thread.sleep(1000);
        Map<String, List<Arrival>> arrivals = maildir.arrivals(Set.of(result.recipient()));
        return arrivals.isEmpty() ? null : "reported " + status + ", but a copy arrived: " + arrivals;
    }

    private @Nullable String delivered(Sent sent, String host, String address, boolean tls, boolean deadAddressFirst)
            throws InterruptedException {
        RecipientResult result = sent.result();
        boolean matches = result.status() == DeliveryStatus.DELIVERED
                && host.equals(result.host())
                && result.address() != null
                && address.equals(result.address().getHostAddress())
                && (result.tls() != null) == tls;
        if (!matches) {
            return "got " + result;
        }
        if (deadAddressFirst && !sent.connections().equals(List.of("127.0.0.9", address))) {
            return "expected connections to 127.0.0.9 and then " + address + ", got " + sent.connections();
        }
        Map<String, List<Arrival>> arrivals = maildir.await(Set.of(result.recipient()), ARRIVAL_TIMEOUT);
        List<Arrival> copies = arrivals.getOrDefault(result.recipient(), List.of());
        if (copies.size() != 1) {
            return "reported DELIVERED, but " + copies.size() + " copies arrived";
        }
        String received = copies.get(0).received();
        if (tls != received.contains("(using TLS")) {
            return "Received shows " + (tls ? "no TLS" : "TLS") + ": " + received;
        }
        return null;
    }

    private SSLContext trustingContext() throws IOException, GeneralSecurityException {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        try (InputStream pem = Files.newInputStream(peers.tlsCertificate())) {
            trustStore.setCertificateEntry(
                    "mx-tls", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String message(String subject) {
        return "From: " + CorpusDelivery.SENDER + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + Objects.hash(subject, System.nanoTime()) + "@client.e2e.test>\r\n"
                + "Date: Fri, 4 Dec 2026 12:00:00 +0000\r\n"
                + "\r\n"
                + "A message of the end-to-end scenarios.\r\n";
    }

    // About 20 KB, twice the limit of the size-limited listener.
    private static String largeMessage() {
        return message("Large") + ("0123456789".repeat(7) + "\r\n").repeat(280);
    }

    private static String utf8Message() {
        return message("Gr\u00fc\u00dfe aus M\u00fcnchen");
    }
}
