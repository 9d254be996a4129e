package io.github.directdelivery.spring;

import io.github.directdelivery.testkit.DnsServer;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A loopback stand-in for the Internet: one DNS server and scripted MX hosts that share one port,
 * each on its own 127.0.0.x address. {@link #properties()} points the starter at it.
 */
final class FakeInternet implements AutoCloseable {

    final DnsServer dns;
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();
    private int port;
    private int nextHost = 2;

    FakeInternet() throws IOException {
        this.dns = DnsServer.start();
    }

    /** Starts a server on the next 127.0.0.x address and publishes it as the MX host of {@code domain}. */
    ScriptedSmtpServer mx(String domain, String hostName, UnaryOperator<ScriptedSmtpServer.Builder> script)
            throws IOException {
        InetAddress address = nextAddress();
        ScriptedSmtpServer server = script.apply(ScriptedSmtpServer.builder()
                        .bindAddress(address)
                        .port(port)
                        .hostName(hostName))
                .start();
        port = server.port();
        servers.add(server);
        dns.a(hostName, address.getHostAddress());
        dns.mx(domain, 10, hostName);
        return server;
    }

    /** Starts an accepting server as the MX host of {@code domain}. */
    ScriptedSmtpServer mx(String domain, String hostName) throws IOException {
        return mx(domain, hostName, builder -> builder);
    }

    /** Publishes {@code hostName} as the MX host of {@code domain} on a 127.0.0.x address where nothing listens. */
    void deadMx(String domain, String hostName) {
        dns.a(hostName, nextAddress().getHostAddress());
        dns.mx(domain, 10, hostName);
    }

    /**
     * Returns the properties that aim the starter at this network, with short timeouts and no
     * retry. Start a host first, so that the SMTP port is known.
     */
    String[] properties() {
        if (port == 0) {
            throw new IllegalStateException("start a host first, so that the SMTP port is known");
        }
        return new String[] {
            "direct-delivery.helo-name=app.example.test",
            "direct-delivery.dns.server=127.0.0.1:" + dns.address().getPort(),
            "direct-delivery.smtp-port=" + port,
            "direct-delivery.allow-local-destinations=true",
            "direct-delivery.timeouts.connect=2s",
            "direct-delivery.timeouts.greeting=5s",
            "direct-delivery.timeouts.command=5s",
            "direct-delivery.retry.max-attempts=1"
        };
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
