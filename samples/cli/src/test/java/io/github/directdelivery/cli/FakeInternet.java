package io.github.directdelivery.cli;

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
 * A DNS server and MX hosts on loopback for command line tests: each host on its own 127.0.0.x
 * address, all on one port, published in the DNS server.
 */
final class FakeInternet implements AutoCloseable {

    final DnsServer dns;
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();
    private int port;
    private int nextHost = 2;

    FakeInternet() throws IOException {
        dns = DnsServer.start();
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

    ScriptedSmtpServer host(String hostName) throws IOException {
        return host(hostName, builder -> builder);
    }

    /** Returns the options that aim {@code send} at this network. */
    List<String> sendOptions() {
        return List.of(
                "--helo",
                "client.example.test",
                "--dns",
                dnsOption(),
                "--smtp-port",
                String.valueOf(port),
                "--allow-local-destinations");
    }

    /** Returns the {@code --dns} value of this network's DNS server. */
    String dnsOption() {
        return dns.address().getAddress().getHostAddress() + ":" + dns.address().getPort();
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
