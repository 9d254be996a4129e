package io.github.directdelivery.jakarta;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.directdelivery.testkit.FakeInternet;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.event.TransportListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;

/**
 * The mx transport's session properties for tests against a {@link FakeInternet}, GreenMail as an
 * MX host, and a transport that records its events.
 */
final class FakeInternetSessions {

    /** The EHLO name, and the {@code mail.host} that Jakarta Mail builds Message-IDs with. */
    static final String HELO = "client.example.test";

    private FakeInternetSessions() {}

    /**
     * Returns session properties that select the mx transport and aim it at {@code internet}: its
     * DNS server and SMTP port, local destinations allowed, short timeouts and no retry.
     */
    static Properties properties(FakeInternet internet) {
        InetSocketAddress dns = internet.dnsServer();
        Properties properties = MimeFixtures.sessionProperties();
        properties.setProperty("mail.transport.protocol", "mx");
        properties.setProperty("mail.mx.localhost", HELO);
        properties.setProperty("mail.mx.dns.server", dns.getAddress().getHostAddress() + ":" + dns.getPort());
        properties.setProperty("mail.mx.port", Integer.toString(internet.smtpPort()));
        properties.setProperty("mail.mx.allowlocaldestinations", "true");
        properties.setProperty("mail.mx.timeout", "5s");
        properties.setProperty("mail.mx.retry.attempts", "1");
        return properties;
    }

    /** Returns a session with {@link #properties(FakeInternet)}. */
    static Session session(FakeInternet internet) {
        return Session.getInstance(properties(internet));
    }

    /**
     * Starts GreenMail as the MX host {@code hostName} of {@code domain} in {@code internet}. Closing
     * {@code internet} does not stop GreenMail, so the caller stops it.
     *
     * @throws IOException if no loopback address can be bound for the host
     */
    static GreenMail greenMailMx(FakeInternet internet, String domain, String hostName) throws IOException {
        InetSocketAddress address = internet.externalHost(hostName);
        internet.dns().mx(domain, FakeInternet.DEFAULT_PREFERENCE, hostName);
        GreenMail greenMail = new GreenMail(
                new ServerSetup(address.getPort(), address.getAddress().getHostAddress(), ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    /** Connects the session's mx transport with a listener that adds every transport event to {@code events}. */
    static MxTransport connectRecordingEvents(Session session, BlockingQueue<TransportEvent> events)
            throws MessagingException {
        MxTransport transport = (MxTransport) session.getTransport("mx");
        transport.addTransportListener(new TransportListener() {
            @Override
            public void messageDelivered(TransportEvent e) {
                events.add(e);
            }

            @Override
            public void messageNotDelivered(TransportEvent e) {
                events.add(e);
            }

            @Override
            public void messagePartiallyDelivered(TransportEvent e) {
                events.add(e);
            }
        });
        transport.connect();
        return transport;
    }
}
