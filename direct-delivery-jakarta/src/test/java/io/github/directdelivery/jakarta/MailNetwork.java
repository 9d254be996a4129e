package io.github.directdelivery.jakarta;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.directdelivery.testkit.DnsServer;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A fake Internet on loopback: a DNS server, and receiving MX hosts (GreenMail or scripted servers)
 * that share one port, each on its own 127.0.0.x address and published as a domain's MX host.
 */
final class MailNetwork implements AutoCloseable {

    static final String HELO = "client.example.test";

    final DnsServer dns;
    private final List<GreenMail> greenMails = new ArrayList<>();
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();
    private int port;
    private int nextHost = 2;

    MailNetwork() throws IOException {
        this.dns = DnsServer.start();
    }

    /** Starts GreenMail as the MX host {@code hostName} of {@code domain}. */
    GreenMail greenMail(String domain, String hostName) {
        InetAddress address = nextAddress();
        ServerSetup setup = new ServerSetup(port, address.getHostAddress(), ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
        greenMail.start();
        greenMails.add(greenMail);
        port = greenMail.getSmtp().getPort();
        publish(domain, hostName, address);
        return greenMail;
    }

    /** Starts a scripted server as the MX host {@code hostName} of {@code domain}. */
    ScriptedSmtpServer scripted(String domain, String hostName, UnaryOperator<ScriptedSmtpServer.Builder> script)
            throws IOException {
        InetAddress address = nextAddress();
        ScriptedSmtpServer server = script.apply(ScriptedSmtpServer.builder()
                        .bindAddress(address)
                        .port(port)
                        .hostName(hostName))
                .start();
        servers.add(server);
        port = server.port();
        publish(domain, hostName, address);
        return server;
    }

    /**
     * Stops {@code server} and starts a scripted server with another script on its address and port,
     * where DNS already points, as when a host comes back with a new configuration.
     */
    ScriptedSmtpServer restart(
            ScriptedSmtpServer server, String hostName, UnaryOperator<ScriptedSmtpServer.Builder> script)
            throws IOException {
        InetSocketAddress address = server.address();
        server.close();
        servers.remove(server);
        ScriptedSmtpServer restarted = script.apply(ScriptedSmtpServer.builder()
                        .bindAddress(address.getAddress())
                        .port(address.getPort())
                        .hostName(hostName))
                .start();
        servers.add(restarted);
        return restarted;
    }

    /** Publishes {@code hostName} as the MX host of {@code domain} at an address where nothing listens. */
    void unreachable(String domain, String hostName) {
        publish(domain, hostName, nextAddress());
    }

    /**
     * Returns session properties that select the mx transport and aim it at this network: its DNS
     * server and port, local destinations allowed, short timeouts and no retry.
     */
    Properties properties() {
        if (port == 0) {
            throw new IllegalStateException("start a host first, so that the SMTP port is known");
        }
        Properties properties = MimeFixtures.sessionProperties();
        properties.setProperty("mail.transport.protocol", "mx");
        properties.setProperty("mail.mx.localhost", HELO);
        properties.setProperty(
                "mail.mx.dns.server",
                dns.address().getAddress().getHostAddress() + ":"
                        + dns.address().getPort());
        properties.setProperty("mail.mx.port", Integer.toString(port));
        properties.setProperty("mail.mx.allowlocaldestinations", "true");
        properties.setProperty("mail.mx.timeout", "5s");
        properties.setProperty("mail.mx.retry.attempts", "1");
        return properties;
    }

    /** Returns a session with {@link #properties()}. */
    Session session() {
        return Session.getInstance(properties());
    }

    private void publish(String domain, String hostName, InetAddress address) {
        dns.mx(domain, 10, hostName);
        dns.a(hostName, address.getHostAddress());
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
        greenMails.forEach(GreenMail::stop);
        dns.close();
    }
}
