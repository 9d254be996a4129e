package io.github.directdelivery.testkit;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A stand-in for the Internet on loopback: a {@link DnsServer} and mail hosts that all listen on one
 * SMTP port, each on its own 127.0.0.x address, the way real MX hosts share port 25. Each host is
 * published in the DNS server under its name, so the code under test resolves MX records, connects
 * and delivers exactly as it would on the Internet.
 *
 * <p>Aim a DirectDelivery client at it with three builder calls: {@code dnsServer} with
 * {@link #dnsServer()}, {@code smtpPort} with {@link #smtpPort()}, and
 * {@code allowLocalDestinations(true)}, because every host has a loopback address. The example
 * also turns off the retries within {@code send}, so that the unreachable host is reported at once.
 *
 * <pre>{@code
 * try (FakeInternet internet = FakeInternet.start()) {
 *     ScriptedSmtpServer mx = internet.mx("example.org", "mx.example.org");
 *     internet.mx("example.net", "mx.example.net", server -> server
 *             .onRecipient("nobody@example.net", "550 5.1.1 no such user"));
 *     internet.unreachableMx("down.example", "mx.down.example");
 *     internet.dns().nullMx("nomail.example");
 *
 *     try (DirectDelivery client = DirectDelivery.builder()
 *             .heloName("app.example.test")
 *             .dnsServer(internet.dnsServer())
 *             .smtpPort(internet.smtpPort())
 *             .allowLocalDestinations(true)
 *             .retry(RetrySettings.none())
 *             .build()) {
 *         DeliveryReport report = client.send(
 *                 Envelope.of("app@example.test", "alice@example.org", "nobody@example.net",
 *                         "carol@down.example", "dave@nomail.example"),
 *                 MessageSource.ofString("Subject: hello\r\n\r\nHello.\r\n"));
 *         // alice@example.org is DELIVERED and in mx.messages(), nobody@example.net is FAILED,
 *         // carol@down.example is DEFERRED and dave@nomail.example is FAILED.
 *     }
 * }
 * }</pre>
 *
 * <p>Hosts get addresses in order from 127.0.0.2 up to 127.0.0.254; 127.0.0.1 is left to the DNS
 * server. {@link #start()} chooses the SMTP port once: an ephemeral port that the kernel finds free
 * on 127.0.0.2. An address where something else already listens on that port is skipped, so the
 * host takes the next address. Linux routes all of 127.0.0.0/8 to the loopback interface. Other
 * systems may route only 127.0.0.1, and there starting the network or adding a host fails with an
 * {@link IOException} that names the address to add to the loopback interface.
 *
 * <p>Nothing here binds, publishes or connects to an address outside loopback, although a test may
 * still publish any record it likes through {@link #dns()}. All methods are thread-safe. {@link
 * #close()} stops the scripted hosts and the DNS server, but not hosts that the caller started
 * itself on an {@link #externalHost} address.
 */
public final class FakeInternet implements AutoCloseable {

    /** The MX preference of the hosts that {@link #mx(String, String)} publishes: 10. */
    public static final int DEFAULT_PREFERENCE = 10;

    private static final int FIRST_HOST = 2;
    private static final int LAST_HOST = 254;

    private final DnsServer dns;
    // Scripted hosts and their names, so that a restarted host keeps its name.
    private final Map<ScriptedSmtpServer, String> hosts = new LinkedHashMap<>();
    private final int port;
    private int nextHost = FIRST_HOST;
    private boolean closed;

    private FakeInternet(DnsServer dns, int port) {
        this.dns = dns;
        this.port = port;
    }

    /**
     * Starts the DNS server, with no records and no hosts yet, and chooses the SMTP port.
     *
     * @throws IOException if the DNS server cannot bind a port of 127.0.0.1, or if 127.0.0.2 cannot
     *     be bound, with a message that names the address
     */
    public static FakeInternet start() throws IOException {
        int port = choosePort();
        return new FakeInternet(DnsServer.start(), port);
    }

    /** Returns the DNS server, to publish other records, set failures or inspect queries. */
    public DnsServer dns() {
        return dns;
    }

    /** Returns the address of the DNS server, for the client's {@code dnsServer} setting. */
    public InetSocketAddress dnsServer() {
        return dns.address();
    }

    /** Returns the port every host listens on, for the client's {@code smtpPort} setting. */
    public int smtpPort() {
        return port;
    }

    /**
     * Starts an accepting {@link ScriptedSmtpServer} and publishes it as the MX host of {@code
     * domain}, with preference {@value #DEFAULT_PREFERENCE}.
     *
     * @throws IOException if no loopback address could be bound
     * @throws IllegalArgumentException if a name is not a valid DNS name
     * @throws IllegalStateException if this network is closed
     */
    public ScriptedSmtpServer mx(String domain, String hostName) throws IOException {
        return mx(domain, DEFAULT_PREFERENCE, hostName, UnaryOperator.identity());
    }

    /**
     * Starts a scripted server and publishes it as the MX host of {@code domain}, with preference
     * {@value #DEFAULT_PREFERENCE}; see {@link #host(String, UnaryOperator)} for the script.
     *
     * @throws IOException if no loopback address could be bound
     * @throws IllegalArgumentException if a name is not a valid DNS name
     * @throws IllegalStateException if this network is closed
     */
    public ScriptedSmtpServer mx(String domain, String hostName, UnaryOperator<ScriptedSmtpServer.Builder> script)
            throws IOException {
        return mx(domain, DEFAULT_PREFERENCE, hostName, script);
    }

    /**
     * Starts a scripted server and publishes it as an MX host of {@code domain} with {@code
     * preference}. Call it again with the same domain to give the domain several MX hosts.
     *
     * @throws IOException if no loopback address could be bound
     * @throws IllegalArgumentException if a name is not a valid DNS name or the preference is
     *     outside 0 to 65535
     * @throws IllegalStateException if this network is closed
     */
    public ScriptedSmtpServer mx(
            String domain, int preference, String hostName, UnaryOperator<ScriptedSmtpServer.Builder> script)
            throws IOException {
        checkName(domain);
        if (preference < 0 || preference > 0xFFFF) {
            throw new IllegalArgumentException("MX preference must be between 0 and 65535, not " + preference);
        }
        ScriptedSmtpServer server = host(hostName, script);
        dns.mx(domain, preference, hostName);
        return server;
    }

    /**
     * Starts an accepting {@link ScriptedSmtpServer} and publishes an A record for {@code hostName},
     * but no MX record.
     *
     * @throws IOException if no loopback address could be bound
     * @throws IllegalArgumentException if {@code hostName} is not a valid DNS name
     * @throws IllegalStateException if this network is closed
     */
    public ScriptedSmtpServer host(String hostName) throws IOException {
        return host(hostName, UnaryOperator.identity());
    }

    /**
     * Starts a scripted server on the next free address and publishes an A record for {@code
     * hostName}, but no MX record. The script receives a builder whose host name is already set and
     * may change anything but the address and port, which this network sets after the script.
     *
     * @throws IOException if no loopback address could be bound
     * @throws IllegalArgumentException if {@code hostName} is not a valid DNS name
     * @throws IllegalStateException if this network is closed
     */
    public synchronized ScriptedSmtpServer host(String hostName, UnaryOperator<ScriptedSmtpServer.Builder> script)
            throws IOException {
        checkOpen();
        checkName(hostName);
        Objects.requireNonNull(script, "script");
        ScriptedSmtpServer.Builder builder =
                script.apply(ScriptedSmtpServer.builder().hostName(hostName));

        ScriptedSmtpServer server = null;
        while (server == null) {
            InetAddress address = nextAddress();
            try {
                server = builder.bindAddress(address).port(port).start();
            } catch (BindException e) {
                LoopbackAddresses.checkBindable(address, e);
                // Something else listens on this address and port, so the host takes the next address.
            }
        }

        hosts.put(server, hostName);
        dns.a(hostName, server.address().getAddress().getHostAddress());
        return server;
    }

    /**
     * Publishes an A record for {@code hostName} with the next free address, where nothing
     * listens, so that connecting to it is refused as with a host that is down.
     *
     * @return the address published
     * @throws IOException if no loopback address could be bound
     * @throws IllegalArgumentException if {@code hostName} is not a valid DNS name
     * @throws IllegalStateException if this network is closed
     */
    public synchronized InetAddress unreachableHost(String hostName) throws IOException {
        return externalHost(hostName).getAddress();
    }

    /**
     * Publishes {@code hostName} as the MX host of {@code domain}, with preference {@value
     * #DEFAULT_PREFERENCE}, at the next free address, where nothing listens, as with an MX host
     * that is down.
     *
     * @return the address published
     * @throws IOException if no loopback address could be bound
     * @throws IllegalArgumentException if a name is not a valid DNS name
     * @throws IllegalStateException if this network is closed
     */
    public synchronized InetAddress unreachableMx(String domain, String hostName) throws IOException {
        checkName(domain);
        InetAddress address = unreachableHost(hostName);
        dns.mx(domain, DEFAULT_PREFERENCE, hostName);
        return address;
    }

    /**
     * Publishes an A record for {@code hostName} with the next free address and returns that
     * address with the SMTP port, for a server that the caller starts there itself, such as
     * GreenMail. Nothing listens there until the caller's server does, and {@link #close()} does
     * not stop that server.
     *
     * <p>NOTE: the address and port are free when this returns, but another process could bind them
     * before the caller's server does, which then fails to start.
     *
     * @throws IOException if no loopback address could be bound
     * @throws IllegalArgumentException if {@code hostName} is not a valid DNS name
     * @throws IllegalStateException if this network is closed
     */
    public synchronized InetSocketAddress externalHost(String hostName) throws IOException {
        checkOpen();
        checkName(hostName);
        InetSocketAddress address = reserveAddress();
        dns.a(hostName, address.getAddress().getHostAddress());
        return address;
    }

    /**
     * Stops {@code host} and starts a scripted server in its place, on the same address and port
     * and with the same host name unless the script sets another, for a host whose behaviour
     * changes between delivery attempts. The DNS records stay as they are.
     *
     * @throws IOException if the address and port cannot be bound again
     * @throws IllegalArgumentException if {@code host} was not started by this network or was
     *     already replaced
     * @throws IllegalStateException if this network is closed
     */
    public synchronized ScriptedSmtpServer restart(
            ScriptedSmtpServer host, UnaryOperator<ScriptedSmtpServer.Builder> script) throws IOException {
        checkOpen();
        Objects.requireNonNull(script, "script");
        String hostName = hosts.remove(Objects.requireNonNull(host, "host"));
        if (hostName == null) {
            throw new IllegalArgumentException(host + " is not a running host of this network");
        }
        InetSocketAddress address = host.address();
        host.close();

        ScriptedSmtpServer server = script.apply(ScriptedSmtpServer.builder().hostName(hostName))
                .bindAddress(address.getAddress())
                .port(address.getPort())
                .start();
        hosts.put(server, hostName);
        return server;
    }

    /** Returns the scripted hosts running now, in the order they started. */
    public synchronized List<ScriptedSmtpServer> hosts() {
        return List.copyOf(hosts.keySet());
    }

    /**
     * Stops every scripted host and the DNS server. Hosts started by the caller on an {@link
     * #externalHost} address keep running. Calling it again has no effect.
     */
    @Override
    public synchronized void close() {
        closed = true;
        hosts.keySet().forEach(ScriptedSmtpServer::close);
        hosts.clear();
        dns.close();
    }

    @Override
    public String toString() {
        return "FakeInternet[dns=" + dns.address() + ", smtpPort=" + port + "]";
    }

    // The kernel picks a port that is free on the first host's address. Should another process
    // take it there before the first host starts, that host skips to the next address.
    private static int choosePort() throws IOException {
        InetAddress first = LoopbackAddresses.of(FIRST_HOST);
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(first, 0));
            return probe.getLocalPort();
        } catch (BindException e) {
            LoopbackAddresses.checkBindable(first, e);
            throw e;
        }
    }

    /** Takes the next address where the SMTP port is free, and leaves nothing listening on it. */
    private InetSocketAddress reserveAddress() throws IOException {
        while (true) {
            InetAddress address = nextAddress();
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(address, port));
                return new InetSocketAddress(address, port);
            } catch (BindException e) {
                LoopbackAddresses.checkBindable(address, e);
            }
        }
    }

    private InetAddress nextAddress() throws IOException {
        if (nextHost > LAST_HOST) {
            throw new IOException("No loopback address is left for another host: 127.0.0." + FIRST_HOST + " to 127.0.0."
                    + LAST_HOST + " are taken; start another FakeInternet for more hosts");
        }
        return LoopbackAddresses.of(nextHost++);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This FakeInternet is closed; start a new one");
        }
    }

    // Rejects an invalid name before a server starts for it.
    private static void checkName(String name) {
        DnsServer.name(name);
    }
}
