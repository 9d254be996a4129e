package io.github.directdelivery.cli;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.testkit.DnsServer;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import io.github.directdelivery.testkit.TlsIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The demo's stand-in for the Internet: the test kit's DNS server on 127.0.0.1 and one SMTP server
 * per MX host, each on its own address from 127.0.0.2 up, all on one port as MX hosts share port
 * 25. It publishes the domains of four scenarios, each with what its recipient should end as.
 */
final class DemoNetwork implements AutoCloseable {

    /** One recipient whose delivery shows one behaviour of the library. */
    record Scenario(String title, String recipient, String expectation, Predicate<RecipientResult> check) {}

    /** One line about each MX host, for the report. */
    record Host(String name, InetAddress address, String behaviour) {}

    private final DnsServer dns;
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();
    private final List<Host> hosts = new ArrayList<>();
    private final List<Scenario> scenarios = new ArrayList<>();
    private int port;
    private int nextAddress = 2;

    private DemoNetwork(DnsServer dns) {
        this.dns = dns;
    }

    /**
     * Starts the DNS server and the MX hosts.
     *
     * @throws IOException if a server cannot bind its address, for example on a system that routes
     *     only 127.0.0.1 to the loopback interface
     */
    static DemoNetwork start() throws IOException {
        DemoNetwork network = new DemoNetwork(DnsServer.start());
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
        dns.mx("tls.demo.test", 10, "mx.tls.demo.test");
        ScriptedSmtpServer tlsHost =
                host("mx.tls.demo.test", "offers STARTTLS with a self-signed certificate", b -> b.startTls(identity));
        scenarios.add(new Scenario(
                "delivered over STARTTLS",
                "alice@tls.demo.test",
                "DELIVERED by mx.tls.demo.test over TLS",
                result -> result.status() == DeliveryStatus.DELIVERED
                        && result.tls() != null
                        && "mx.tls.demo.test".equals(result.host())
                        && received(tlsHost, result.recipient())));

        dns.nullMx("null-mx.demo.test");
        scenarios.add(new Scenario(
                "domain with a null MX record (RFC 7505)",
                "bob@null-mx.demo.test",
                "FAILED 5.1.10 without connecting to any host",
                result -> result.status() == DeliveryStatus.FAILED
                        && EnhancedStatusCode.NULL_MX.equals(result.enhancedCode())
                        && result.host() == null));

        dns.mx("greylist.demo.test", 10, "mx.greylist.demo.test");
        host(
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

        dns.mx("backup-mx.demo.test", 10, "mx1.backup-mx.demo.test")
                .mx("backup-mx.demo.test", 20, "mx2.backup-mx.demo.test");
        deadHost("mx1.backup-mx.demo.test");
        ScriptedSmtpServer backup = host("mx2.backup-mx.demo.test", "accepts mail", b -> b);
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
        return dns.address();
    }

    /** Returns the port all MX hosts listen on. */
    int smtpPort() {
        return port;
    }

    List<Host> hosts() {
        return List.copyOf(hosts);
    }

    List<Scenario> scenarios() {
        return List.copyOf(scenarios);
    }

    private ScriptedSmtpServer host(String name, String behaviour, UnaryOperator<ScriptedSmtpServer.Builder> script)
            throws IOException {
        InetAddress address = nextAddress();
        ScriptedSmtpServer server = script.apply(ScriptedSmtpServer.builder()
                        .bindAddress(address)
                        .port(port)
                        .hostName(name))
                .start();
        servers.add(server);
        port = server.port();
        dns.a(name, address.getHostAddress());
        hosts.add(new Host(name, address, behaviour));
        return server;
    }

    // An address of the loopback range where nothing listens, so connecting to it is refused.
    private void deadHost(String name) {
        InetAddress address = nextAddress();
        dns.a(name, address.getHostAddress());
        hosts.add(new Host(name, address, "down: nothing listens"));
    }

    private InetAddress nextAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) nextAddress++});
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean received(ScriptedSmtpServer server, String recipient) {
        return server.messages().stream()
                .anyMatch(message -> message.recipients().contains(recipient));
    }

    @Override
    public void close() {
        servers.forEach(ScriptedSmtpServer::close);
        dns.close();
    }
}
