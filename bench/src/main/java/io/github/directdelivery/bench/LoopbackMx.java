package io.github.directdelivery.bench;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.testkit.DnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The recipient domain of the benchmarks on loopback: an smtp-sink as its MX host, and the test
 * kit's DNS server publishing {@code bench.test MX 10 mx.bench.test} and the sink's address. The
 * library finds the sink the way it finds any MX host, and nothing leaves the machine.
 */
public final class LoopbackMx implements AutoCloseable {

    /** The sink's address: a loopback address of its own, apart from 127.0.0.1 where the DNS server is. */
    public static final String SINK_ADDRESS = "127.0.1.1";

    private static final String MX_HOST = "mx." + TestMessages.RECIPIENT_DOMAIN;

    private final SmtpSink sink;
    private final DnsServer dns;

    private LoopbackMx(SmtpSink sink, DnsServer dns) {
        this.sink = sink;
        this.dns = dns;
    }

    /**
     * Starts the sink and the DNS server.
     *
     * @param sinkExecutable the smtp-sink program
     * @param sinkLog the file that receives smtp-sink's output
     * @throws IOException if either cannot be started
     */
    public static LoopbackMx start(Path sinkExecutable, Path sinkLog) throws IOException, InterruptedException {
        SmtpSink sink = SmtpSink.start(sinkExecutable, InetAddress.getByName(SINK_ADDRESS), sinkLog);
        try {
            DnsServer dns = DnsServer.start();
            dns.mx(TestMessages.RECIPIENT_DOMAIN, 10, MX_HOST).a(MX_HOST, SINK_ADDRESS);
            return new LoopbackMx(sink, dns);
        } catch (IOException | RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    /** Returns the sink's address and port. */
    public InetSocketAddress sinkAddress() {
        return sink.address();
    }

    /**
     * Returns a client builder that reaches the sink through the DNS server: its DNS server, SMTP
     * port and HELO name are set, and local destinations are allowed.
     */
    public DirectDelivery.Builder clientBuilder() {
        return DirectDelivery.builder()
                .heloName(TestMessages.CLIENT_NAME)
                .dnsServer(dns.address())
                .smtpPort(sink.address().getPort())
                .allowLocalDestinations(true);
    }

    @Override
    public void close() {
        dns.close();
        sink.close();
    }
}
