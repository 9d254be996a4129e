package io.github.directdelivery.cli;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import io.github.directdelivery.testkit.TlsIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The demo's stand-in for the Internet, built on the test kit's {@link FakeInternet}. Its DNS server
 * runs on 127.0.0.1 and each MX host has its own address from 127.0.0.2 up, all on one port as MX
 * hosts share port 25. It publishes the domains of four scenarios, each with what its recipient
 * should end as.
 */
final class DemoNetwork implements AutoCloseable {

    /** One recipient whose delivery shows one behaviour of the library. */
    record Scenario(String title, String recipient, String expectation, Predicate<RecipientResult> check) {}

    /** One line about each MX host, for the report. */
    record Host(String name, InetAddress address, String behaviour) {}

    private final FakeInternet internet;
    private final List<Host> hosts = new ArrayList<>();
    private final List<Scenario> scenarios = new ArrayList<>();

    private DemoNetwork(FakeInternet internet) {
        this.internet = internet;
    }

    /**
     * Starts the DNS server and the MX hosts.
     *
     * @throws IOException if a server cannot bind its address, for example on a system that routes
     *     only 127.0.0.1 to the loopback interface
     */
    static DemoNetwork start() throws IOException {
        DemoNetwork network = new DemoNetwork(FakeInternet.start());
        try {
            network.publishScenarios();
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    private void publishScenarios() throws IOException {
        TlsIdentity identity = TlsIdentity.selfSigned("mx.tls.demo.test");
        ScriptedSmtpServer tlsHost = host(
                "tls.demo.test",
                10,
                "mx.tls.demo.test",
                "offers STARTTLS with a self-signed certificate",
                b -> b.startTls(identity));
        scenarios.add(new Scenario(
                "delivered over STARTTLS",
                "alice@tls.demo.test",
                "DELIVERED by mx.tls.demo.test over TLS",
                result -> result.status() == DeliveryStatus.DELIVERED
                        && result.tls() != null
                        && "mx.tls.demo.test".equals(result.host())
                        && received(tlsHost, result.recipient())));

        internet.dns().nullMx("null-mx.demo.test");
        scenarios.add(new Scenario(
                "domain with a null MX record (RFC 7505)",
                "bob@null-mx.demo.test",
                "FAILED 5.1.10 without connecting to any host",
                result -> result.status() == DeliveryStatus.FAILED
                        && EnhancedStatusCode.NULL_MX.equals(result.enhancedCode())
                        && result.host() == null));

        host(
                "greylist.demo.test",
                10,
                "mx.greylist.demo.test",
                "greylists: answers RCPT with 451 4.7.1",
                b -> b.on("RCPT", ScriptedReply.of("451 4.7.1 Greylisted, please try again in 5 minutes")));
        scenarios.add(new Scenario(
                "greylisting host",
                "carol@greylist.demo.test",
                "DEFERRED 451 4.7.1, to be tried again later",
                result -> result.status() == DeliveryStatus.DEFERRED
                        && Integer.valueOf(451).equals(result.code())
                        && EnhancedStatusCode.parse("4.7.1").equals(result.enhancedCode())));

        // unreachableMx publishes preference 10, so the client tries this host before the backup at 20.
        InetAddress down = internet.unreachableMx("backup-mx.demo.test", "mx1.backup-mx.demo.test");
        hosts.add(new Host("mx1.backup-mx.demo.test", down, "down: nothing listens"));
        ScriptedSmtpServer backup = host("backup-mx.demo.test", 20, "mx2.backup-mx.demo.test", "accepts mail", b -> b);
        scenarios.add(new Scenario(
                "first MX host down, second one delivers",
                "dave@backup-mx.demo.test",
                "DELIVERED by mx2.backup-mx.demo.test",
                result -> result.status() == DeliveryStatus.DELIVERED
                        && "mx2.backup-mx.demo.test".equals(result.host())
                        && received(backup, result.recipient())));
    }

    /** Returns the DNS server's address, to configure the client with. */
    InetSocketAddress dnsServer() {
        return internet.dnsServer();
    }

    /** Returns the port all MX hosts listen on. */
    int smtpPort() {
        return internet.smtpPort();
    }

    List<Host> hosts() {
        return List.copyOf(hosts);
    }

    List<Scenario> scenarios() {
        return List.copyOf(scenarios);
    }

    private ScriptedSmtpServer host(
            String domain,
            int preference,
            String name,
            String behaviour,
            UnaryOperator<ScriptedSmtpServer.Builder> script)
            throws IOException {
        ScriptedSmtpServer server = internet.mx(domain, preference, name, script);
        hosts.add(new Host(name, server.address().getAddress(), behaviour));
        return server;
    }

    private static boolean received(ScriptedSmtpServer server, String recipient) {
        return server.messages().stream()
                .anyMatch(message -> message.recipients().contains(recipient));
    }

    @Override
    public void close() {
        internet.close();
    }
}
