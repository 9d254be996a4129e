package io.github.directdelivery;

import io.github.directdelivery.testkit.DnsServer;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A small fake Internet on loopback for delivery tests: one DNS server and SMTP servers that
 * share one port, each on its own 127.0.0.x address, as MX hosts on port 25 would.
 */
final class TestNetwork implements AutoCloseable {

    final DnsServer dns;
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();
    private int port;
    private int nextHost = 2;

    TestNetwork() throws IOException {
        this.dns = DnsServer.start();
    }

    /** Starts a server on the next 127.0.0.x address and publishes it as {@code hostName}. */
    ScriptedSmtpServer host(String hostName, UnaryOperator<ScriptedSmtpServer.Builder> script) throws IOException {
        InetAddress address = nextAddress();
        ScriptedSmtpServer server = script.apply(ScriptedSmtpServer.builder()
                        .bindAddress(address)
                        .port(port)
                        .hostName(hostName))
                .start();
        port = server.port();
        servers.add(server);
        dns.a(hostName, address.getHostAddress());
        return server;
    }

    /** Starts an accepting server published as {@code hostName}. */
    ScriptedSmtpServer host(String hostName) throws IOException {
        return host(hostName, builder -> builder);
    }

    /**
     * Stops {@code old} and starts a server with another script on its address and port, for a
     * host whose behaviour changes between delivery attempts.
     */
    ScriptedSmtpServer replace(ScriptedSmtpServer old, UnaryOperator<ScriptedSmtpServer.Builder> script)
            throws IOException {
        old.close();
        servers.remove(old);
        ScriptedSmtpServer server = script.apply(ScriptedSmtpServer.builder()
                        .bindAddress(old.address().getAddress())
                        .port(old.port()))
                .start();
        servers.add(server);
        return server;
    }

    /** Returns a 127.0.0.x address where nothing listens, published as {@code hostName}. */
    String deadHost(String hostName) {
        InetAddress address = nextAddress();
        dns.a(hostName, address.getHostAddress());
        return address.getHostAddress();
    }

    /** Returns a client builder aimed at this network, with short timeouts and no retry. */
    DirectDelivery.Builder client() {
        if (port == 0) {
            throw new IllegalStateException("start a host first, so that the SMTP port is known");
        }
        return DirectDelivery.builder()
                .heloName("client.example.test")
                .dnsServer(dns.address())
                .smtpPort(port)
                .allowLocalDestinations(true)
                .timeouts(SmtpTimeouts.uniform(Duration.ofSeconds(5)))
                .retry(RetrySettings.none())
                .random(new SplittableRandom(1));
    }

    private InetAddress nextAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) nextHost++});
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        servers.forEach(ScriptedSmtpServer::close);
        dns.close();
    }
}
