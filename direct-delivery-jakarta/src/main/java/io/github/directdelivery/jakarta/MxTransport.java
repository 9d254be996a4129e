package io.github.directdelivery.jakarta;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.InvalidMessageException;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.jakarta.internal.settings.TransportSettings;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.event.ConnectionEvent;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Jakarta Mail transport, protocol {@code mx}, that delivers each message directly to the MX
 * hosts of its recipients' domains, with no relay in between.
 *
 * <p>Select it by configuration, not code: {@code mail.transport.protocol=mx} makes it the
 * session's default transport, {@code mail.transport.protocol.rfc822=mx} makes the static
 * {@link Transport#send(Message)} use it, and {@code session.getTransport("mx")} returns one. The
 * {@code smtp} protocol stays with Angus Mail. Settings come from the session's {@code mail.mx.*}
 * properties (the README lists them); an unknown property or an invalid value fails
 * {@link #connect()} with a {@link MessagingException} that names it and the accepted values.
 *
 * <p>Lifecycle: {@code connect()} checks the settings and builds a delivery client, but opens no
 * connection, since the hosts to talk to depend on each message's recipients. With
 * {@code mail.mx.localhost} set it sends nothing over the network at all. Without it, the client
 * looks up this host's canonical name for EHLO. Each {@link #sendMessage} resolves the recipient domains and delivers. The client keeps DNS answers
 * and idle SMTP connections between messages, so a transport that stays connected sends a series of
 * messages to the same domains over one connection. {@link #close()} closes those connections and
 * stops the client's threads. The static {@code Transport.send} connects and closes a transport for
 * every message, which costs that reuse. The host, port, user and password given to
 * {@code connect} are ignored: MX hosts are found per recipient domain and are never sent
 * credentials, while a fallback relay takes its own from {@code mail.mx.relay.*}.
 *
 * <p>The envelope sender is {@code mail.mx.from} when set, like Angus Mail's {@code mail.smtp.from},
 * else the message's Sender address, else its first From address. The recipients are the addresses
 * passed to {@code sendMessage}, with group members listed one by one. Each message is first
 * written 7-bit-safe by {@link MimeMessageSources#of}, which changes the message object.
 *
 * <p>{@code sendMessage} may be called from several threads at once.
 */
public final class MxTransport extends Transport {

    private static final Address[] NONE = new Address[0];

    /** The client and the per-message settings, present while connected. */
    private record Connection(DirectDelivery client, @Nullable String envelopeSender, @Nullable DsnOptions dsn) {}

    private volatile @Nullable Connection connection;

    /** Creates the transport; Jakarta Mail calls this when a session requests protocol {@code mx}. */
    public MxTransport(Session session, URLName urlName) {
        super(session, urlName);
    }

    /**
     * Reads the {@code mail.mx.*} properties and builds the delivery client without opening a
     * connection. The arguments are ignored. Unlike the inherited method, this one neither reads
     * {@code mail.host} nor requests a password from the session. Jakarta Mail would look that
     * host name up in DNS to find a stored password, for a host the mx transport never uses.
     *
     * @throws IllegalStateException if the transport is already connected
     * @throws MessagingException if a property is unknown or has an invalid value, or no HELO name
     *     is set and this host's name cannot be found
     */
    @Override
    public synchronized void connect(@Nullable String host, int port, @Nullable String user, @Nullable String password)
            throws MessagingException {
        if (isConnected()) {
            throw new IllegalStateException("The mx transport is already connected");
        }
        protocolConnect(host, port, user, password);
        setConnected(true);
        notifyConnectionListeners(ConnectionEvent.OPENED);
    }

    /**
     * Reads the {@code mail.mx.*} properties and builds the delivery client, without opening a
     * network connection. The arguments are ignored.
     *
     * @throws MessagingException if a property is unknown or has an invalid value, or no HELO name
     *     is set and this host's name cannot be found
     */
    @Override
    protected boolean protocolConnect(@Nullable String host, int port, @Nullable String user, @Nullable String password)
            throws MessagingException {
        TransportSettings settings = TransportSettings.from(session.getProperties());
        DirectDelivery client;
        try {
            client = settings.newClient();
        } catch (IllegalStateException e) {
            throw new MessagingException("Cannot build the delivery client: " + e.getMessage(), e);
        }
        connection = new Connection(client, settings.envelopeSender(), settings.dsn());
        return true;
    }

    /**
     * Delivers the message to {@code addresses} and waits for the outcome, then notifies the
     * transport listeners: {@link TransportEvent#MESSAGE_DELIVERED} when every recipient was
     * delivered, {@link TransportEvent#MESSAGE_PARTIALLY_DELIVERED} when some were, and
     * {@link TransportEvent#MESSAGE_NOT_DELIVERED} otherwise.
     *
     * <p>NOTE: Jakarta Mail delivers these events on its own thread, and version 2.1.5 drops the
     * events still queued when {@link #close()} follows before that thread has started.
     *
     * @param message a {@link MimeMessage}; it is re-encoded 7-bit-safe and saved before sending
     * @param addresses the recipients; the message's own recipient fields are not consulted
     * @throws DirectDeliverySendFailedException if not every recipient was delivered, with the
     *     delivered, deferred and failed addresses in the valid-sent, valid-unsent and invalid lists
     *     and the report with each one's reply, enhanced status code and host
     * @throws SendFailedException if there is no recipient, a recipient is not an
     *     {@link InternetAddress}, or an address is malformed; nothing was sent
     * @throws MessagingException if the message is not a {@code MimeMessage}, has no sender address,
     *     or cannot be written or sent as it is; nothing was sent
     * @throws IllegalStateException if the transport is not connected
     */
    @Override
    public void sendMessage(Message message, Address[] addresses) throws MessagingException {
        Connection current = connection;
        if (current == null) {
            throw new IllegalStateException("The mx transport is not connected; call connect() first");
        }
        if (!(message instanceof MimeMessage mime)) {
            throw new MessagingException("The mx transport sends only MimeMessage instances, not "
                    + message.getClass().getName());
        }
        InternetAddress[] recipients = recipients(addresses);
        String configuredSender = current.envelopeSender();
        String sender = configuredSender != null ? configuredSender : MimeMessageSources.senderOf(mime, null);
        MessageSource source = MimeMessageSources.of(mime);

        DeliveryReport report = deliver(current, message, sender, recipients, source);
        if (report.allDelivered()) {
            notifyTransportListeners(TransportEvent.MESSAGE_DELIVERED, recipients, NONE, NONE, message);
            return;
        }
        DirectDeliverySendFailedException failure = new DirectDeliverySendFailedException(report, recipients);
        int type = failure.getValidSentAddresses().length > 0
                ? TransportEvent.MESSAGE_PARTIALLY_DELIVERED
                : TransportEvent.MESSAGE_NOT_DELIVERED;
        notifyTransportListeners(
                type,
                failure.getValidSentAddresses(),
                failure.getValidUnsentAddresses(),
                failure.getInvalidAddresses(),
                message);
        throw failure;
    }

    /** Closes the delivery client, with its pooled connections and threads, and this transport. */
    @Override
    public synchronized void close() throws MessagingException {
        Connection current = connection;
        connection = null;
        try {
            if (current != null) {
                current.client().close();
            }
        } finally {
            super.close();
        }
    }

    private DeliveryReport deliver(
            Connection current, Message message, String sender, InternetAddress[] recipients, MessageSource source)
            throws MessagingException {
        List<String> addresses = new ArrayList<>();
        for (InternetAddress recipient : recipients) {
            addresses.add(recipient.getAddress());
        }
        try {
            Envelope envelope = Envelope.of(sender, addresses);
            DsnOptions dsn = current.dsn();
            if (dsn != null) {
                envelope = envelope.withDsn(dsn);
            }
            return current.client().send(envelope, source);
        } catch (InvalidMessageException e) {
            notifyTransportListeners(TransportEvent.MESSAGE_NOT_DELIVERED, NONE, recipients, NONE, message);
            throw new MessagingException("The message cannot be sent as it is: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // The client checks every address before it opens a connection, and names the malformed one.
            notifyTransportListeners(TransportEvent.MESSAGE_NOT_DELIVERED, NONE, NONE, NONE, message);
            throw new SendFailedException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            notifyTransportListeners(TransportEvent.MESSAGE_NOT_DELIVERED, NONE, recipients, NONE, message);
            throw new MessagingException("Cannot read the message: " + e.getMessage(), e.getCause());
        }
    }

    /** Returns the recipients as Internet addresses, with each group replaced by its members. */
    private static InternetAddress[] recipients(Address @Nullable [] addresses) throws MessagingException {
        List<InternetAddress> recipients = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                if (!(address instanceof InternetAddress internet)) {
                    throw new SendFailedException(
                            "The mx transport delivers only to Internet mail addresses, not to " + address,
                            null,
                            NONE,
                            NONE,
                            new Address[] {address});
                }
                addMembers(internet, recipients);
            }
        }
        if (recipients.isEmpty()) {
            throw new SendFailedException("No recipient addresses");
        }
        return recipients.toArray(new InternetAddress[0]);
    }

    private static void addMembers(InternetAddress address, List<InternetAddress> recipients)
            throws MessagingException {
        if (!address.isGroup()) {
            String text = address.getAddress();
            if (text == null || text.isBlank()) {
                throw new SendFailedException(
                        "A recipient address is empty", null, NONE, NONE, new Address[] {address});
            }
            recipients.add(address);
            return;
        }
        InternetAddress[] members = address.getGroup(false);
        if (members != null) {
            for (InternetAddress member : members) {
                addMembers(member, recipients);
            }
        }
    }
}
