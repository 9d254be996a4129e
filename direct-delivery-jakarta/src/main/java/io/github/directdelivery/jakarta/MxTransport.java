package io.github.directdelivery.jakarta;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.InvalidMessageException;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.jakarta.internal.settings.TransportMode;
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
import java.util.Objects;
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
 * looks up this host's canonical name for EHLO. In send mode, the default, each
 * {@link #sendMessage} resolves the recipient domains and delivers. The client keeps DNS answers
 * and idle SMTP connections between messages, so a transport that stays connected sends a series
 * of messages to the same domains over one connection. {@link #close()} closes those connections and
 * stops the client's threads. The static {@code Transport.send} connects and closes a transport for
 * every message, which costs that reuse. The host, port, user and password given to
 * {@code connect} are ignored: MX hosts are found per recipient domain and are never sent
 * credentials, while a fallback relay takes its own from {@code mail.mx.relay.*}.
 *
 * <p>Submit mode: with {@code mail.mx.mode=submit}, {@code sendMessage} stores each message in
 * the spool directory {@code mail.mx.spool.directory} and returns once it is durable, and the
 * spool's workers deliver it and retry deferred recipients for days (see {@link
 * io.github.directdelivery.DurableDelivery}). {@code connect()} then opens the spool, or joins it
 * when another transport in this JVM opened it, and {@code close()} leaves it open and delivering:
 * {@link MxSpools} describes that lifecycle. {@link #submitMessage} does the same as
 * {@code sendMessage} and returns the message's queue id.
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

    /**
     * The per-message settings with the client (send mode) or the shared spool's queue (submit
     * mode), present while connected.
     */
    private record Connection(
            @Nullable DirectDelivery client,
            @Nullable DurableDelivery queue,
            @Nullable String envelopeSender,
            @Nullable DsnOptions dsn) {}

    /** A message ready to hand over: its envelope sender, recipients and 7-bit bytes. */
    private record Prepared(String sender, List<InternetAddress> recipientList, MessageSource source) {

        InternetAddress[] recipients() {
            return recipientList.toArray(new InternetAddress[0]);
        }
    }

    /** Delivers or queues a message: {@link DirectDelivery#send} or {@link DurableDelivery#submit}. */
    @FunctionalInterface
    private interface Handover<T> {
        T apply(Envelope envelope, MessageSource source);
    }

    private volatile @Nullable Connection connection;

    /** Creates the transport; Jakarta Mail calls this when a session requests protocol {@code mx}. */
    public MxTransport(Session session, URLName urlName) {
        super(session, urlName);
    }

    /**
     * Reads the {@code mail.mx.*} properties and builds the delivery client without opening a
     * connection, or in submit mode opens or joins the spool. The arguments are ignored. Unlike the
     * inherited method, this one neither reads {@code mail.host} nor requests a password from the
     * session. Jakarta Mail would look that host name up in DNS to find a stored password, for a
     * host the mx transport never uses.
     *
     * @throws IllegalStateException if the transport is already connected
     * @throws MessagingException if a property is unknown or has an invalid value, no HELO name is
     *     set and this host's name cannot be found, or in submit mode the spool directory is missing
     *     or unusable, or open with other settings
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
     * network connection, or in submit mode opens or joins the spool. The arguments are ignored.
     *
     * @throws MessagingException if a property is unknown or has an invalid value, no HELO name is
     *     set and this host's name cannot be found, or in submit mode the spool directory is missing
     *     or unusable, or open with other settings
     */
    @Override
    protected boolean protocolConnect(@Nullable String host, int port, @Nullable String user, @Nullable String password)
            throws MessagingException {
        TransportSettings settings = TransportSettings.from(session.getProperties());
        if (settings.mode() == TransportMode.SUBMIT) {
            DurableDelivery queue = MxSpools.acquire(settings);
            connection = new Connection(null, queue, settings.envelopeSender(), settings.dsn());
            return true;
        }
        DirectDelivery client;
        try {
            client = settings.newClient();
        } catch (IllegalStateException e) {
            throw new MessagingException("Cannot build the delivery client: " + e.getMessage(), e);
        }
        connection = new Connection(client, null, settings.envelopeSender(), settings.dsn());
        return true;
    }

    /**
     * Delivers the message to {@code addresses}, or in submit mode stores it in the spool, then
     * notifies the transport listeners.
     *
     * <p>In send mode ({@code mail.mx.mode=send}, the default) it waits for the outcome and sends
     * {@link TransportEvent#MESSAGE_DELIVERED} when every recipient was delivered,
     * {@link TransportEvent#MESSAGE_PARTIALLY_DELIVERED} when some were, and
     * {@link TransportEvent#MESSAGE_NOT_DELIVERED} otherwise.
     *
     * <p>In submit mode it returns once the message is durable in the spool, as
     * {@link #submitMessage} does, and {@code MESSAGE_DELIVERED} with every recipient as valid-sent
     * then means accepted into the spool, not delivered. A recipient that fails later is reported
     * to the envelope sender in a delivery status notification (RFC 3464), not to the caller.
     *
     * <p>NOTE: Jakarta Mail delivers these events on its own thread, and version 2.1.5 drops the
     * events still queued when {@link #close()} follows before that thread has started.
     *
     * @param message a {@link MimeMessage}; it is re-encoded 7-bit-safe and saved before sending
     * @param addresses the recipients; the message's own recipient fields are not consulted
     * @throws DirectDeliverySendFailedException in send mode, if not every recipient was delivered,
     *     with the delivered, deferred and failed addresses in the valid-sent, valid-unsent and
     *     invalid lists and the report with each one's reply, enhanced status code and host
     * @throws SendFailedException if there is no recipient, a recipient is not an
     *     {@link InternetAddress}, or an address is malformed; nothing was sent or stored
     * @throws MessagingException if the message is not a {@code MimeMessage}, has no sender address,
     *     or cannot be written or sent as it is; in submit mode also if the spool cannot store it or
     *     was closed. Nothing was sent or stored then
     * @throws IllegalStateException if the transport is not connected
     */
    @Override
    public void sendMessage(Message message, Address[] addresses) throws MessagingException {
        Connection current = connected();
        DurableDelivery queue = current.queue();
        if (queue != null) {
            submit(current, queue, message, addresses);
            return;
        }
        DirectDelivery client = Objects.requireNonNull(current.client(), "a connection has a client or a queue");
        Prepared prepared = prepare(current, message, addresses);

        DeliveryReport report = handOver(current, message, prepared, client::send);
        InternetAddress[] recipients = prepared.recipients();
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

    /**
     * Stores the message in the spool for delivery to {@code addresses} and returns its queue id,
     * once the message is durable. This is {@link #sendMessage} in submit mode, for callers that
     * want the id: it is the name of the message's spool file and appears in the log and in the
     * queue's events. The message is prepared as in send mode (written 7-bit-safe, without Bcc), and
     * the transport listeners get {@link TransportEvent#MESSAGE_DELIVERED}, meaning accepted into the
     * spool.
     *
     * @param message a {@link MimeMessage}; it is re-encoded 7-bit-safe and saved before it is stored
     * @param addresses the recipients; the message's own recipient fields are not consulted
     * @return the id of the message in the spool
     * @throws SendFailedException if there is no recipient, a recipient is not an
     *     {@link InternetAddress}, or an address is malformed; nothing was stored
     * @throws MessagingException if the message is not a {@code MimeMessage}, has no sender address,
     *     cannot be written or sent as it is, or the spool cannot store it or was closed; nothing
     *     was stored
     * @throws IllegalStateException if the transport is not connected, or is connected in send mode
     */
    public QueueId submitMessage(Message message, Address[] addresses) throws MessagingException {
        Connection current = connected();
        DurableDelivery queue = current.queue();
        if (queue == null) {
            throw new IllegalStateException("submitMessage needs a spool, but this mx transport is in send mode;"
                    + " set mail.mx.mode=submit and mail.mx.spool.directory");
        }
        return submit(current, queue, message, addresses);
    }

    /**
     * Closes this transport. In send mode it also closes the delivery client, with its pooled
     * connections and threads. In submit mode the spool stays open and goes on delivering; see
     * {@link MxSpools}.
     */
    @Override
    public synchronized void close() throws MessagingException {
        Connection current = connection;
        connection = null;
        try {
            DirectDelivery client = current != null ? current.client() : null;
            if (client != null) {
                client.close();
            }
        } finally {
            super.close();
        }
    }

    private Connection connected() {
        Connection current = connection;
        if (current == null) {
            throw new IllegalStateException("The mx transport is not connected; call connect() first");
        }
        return current;
    }

    private QueueId submit(Connection current, DurableDelivery queue, Message message, Address[] addresses)
            throws MessagingException {
        Prepared prepared = prepare(current, message, addresses);
        QueueId id;
        try {
            id = handOver(current, message, prepared, queue::submit);
        } catch (IllegalStateException e) {
            // The queue rejects a message only once it is closed.
            notifyTransportListeners(TransportEvent.MESSAGE_NOT_DELIVERED, NONE, prepared.recipients(), NONE, message);
            throw new MessagingException(
                    "The message was not queued because the spool was closed, by MxSpools or at JVM shutdown,"
                            + " after this transport connected. Connect the transport again to reopen the spool.",
                    e);
        }
        notifyTransportListeners(TransportEvent.MESSAGE_DELIVERED, prepared.recipients(), NONE, NONE, message);
        return id;
    }

    private Prepared prepare(Connection current, Message message, Address[] addresses) throws MessagingException {
        if (!(message instanceof MimeMessage mime)) {
            throw new MessagingException("The mx transport sends only MimeMessage instances, not "
                    + message.getClass().getName());
        }
        InternetAddress[] recipients = recipients(addresses);
        String configuredSender = current.envelopeSender();
        String sender = configuredSender != null ? configuredSender : MimeMessageSources.senderOf(mime, null);
        return new Prepared(sender, List.of(recipients), MimeMessageSources.of(mime));
    }

    /**
     * Builds the envelope and hands it with the message to the client or the queue, turning their
     * exceptions into Jakarta Mail's.
     */
    private <T> T handOver(Connection current, Message message, Prepared prepared, Handover<T> handover)
            throws MessagingException {
        InternetAddress[] recipients = prepared.recipients();
        List<String> addresses = new ArrayList<>();
        for (InternetAddress recipient : recipients) {
            addresses.add(recipient.getAddress());
        }
        try {
            Envelope envelope = Envelope.of(prepared.sender(), addresses);
            DsnOptions dsn = current.dsn();
            if (dsn != null) {
                envelope = envelope.withDsn(dsn);
            }
            return handover.apply(envelope, prepared.source());
        } catch (InvalidMessageException e) {
            notifyTransportListeners(TransportEvent.MESSAGE_NOT_DELIVERED, NONE, recipients, NONE, message);
            throw new MessagingException("The message cannot be sent as it is: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // The client checks every address before it opens a connection, and names the malformed one.
            notifyTransportListeners(TransportEvent.MESSAGE_NOT_DELIVERED, NONE, NONE, NONE, message);
            throw new SendFailedException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // The message is in memory, so in submit mode this is the spool failing to store it.
            notifyTransportListeners(TransportEvent.MESSAGE_NOT_DELIVERED, NONE, recipients, NONE, message);
            String failure = current.queue() != null ? "The message was not queued: " : "Cannot read the message: ";
            throw new MessagingException(failure + e.getMessage(), e.getCause());
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
