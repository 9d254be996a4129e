package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.Credentials;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.TlsInfo;
import io.github.directdelivery.TlsPolicy;
import io.github.directdelivery.internal.message.MessageContent;
import io.github.directdelivery.internal.message.MessageFacts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP session with one destination host (RFC 5321): greeting, EHLO (HELO after a 5xx),
 * STARTTLS per {@link TlsPolicy}, AUTH for a relay, then any number of deliveries, each of one or
 * more MAIL transactions.
 *
 * <p>Typical use by the delivery engine:
 *
 * <pre>{@code
 * OpenResult result = SmtpSession.open("mx.example.net", address, settings);
 * if (result instanceof OpenResult.Opened opened) {
 *     try (SmtpSession session = opened.session()) {
 *         DeliveryOutcome outcome = session.deliver(envelope, content);
 *     }
 * }
 * }</pre>
 *
 * <p>Replies are results, not exceptions: every recipient gets a {@link RecipientOutcome}, and a
 * session that cannot go on reports a {@link SessionFailure}. Exceptions signal programmer errors
 * only. A session is used by one thread at a time. After {@link #deliver} the session may be kept
 * for the next message to the same host while {@link #isReusable()}; the next delivery starts with
 * RSET when the previous one was aborted.
 */
public final class SmtpSession implements AutoCloseable {

    /** RFC 5321 §4.5.3.1.8: a server must accept at least 100 recipients per transaction. */
    static final int MAX_RECIPIENTS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);

    private enum State {
        /** Ready for MAIL. */
        READY,
        /** An aborted transaction may have left state behind: RSET before the next MAIL. */
        NEEDS_RESET,
        /** The connection is closed. */
        CLOSED
    }

    private final String host;
    private final SmtpSettings settings;
    private final SmtpTimeouts timeouts;
    private final SmtpConnection connection;
    private final Transcript transcript;
    private Capabilities capabilities = Capabilities.none();
    private @Nullable TlsInfo tls;
    private State state = State.READY;
    private boolean carriedTransaction;
    private @Nullable SessionFailure closeReason;

    private SmtpSession(String host, SmtpSettings settings, SmtpConnection connection, Transcript transcript) {
        this.host = host;
        this.settings = settings;
        this.timeouts = settings.timeouts();
        this.connection = connection;
        this.transcript = transcript;
    }

    /**
     * Connects to {@code address} and prepares the session: TLS on connect for an implicit-TLS
     * relay, greeting, EHLO or HELO, STARTTLS as the TLS policy requires, AUTH when credentials are set.
     *
     * @param host the MX host name: for the certificate check, SNI and reports
     * @param address the address to connect to
     * @throws IllegalStateException if loopback-only mode is on and {@code address} is not loopback
     */
    public static OpenResult open(String host, InetSocketAddress address, SmtpSettings settings) {
        return open(host, address, settings, SendDeadline.none());
    }

    /**
     * Opens a session as {@link #open(String, InetSocketAddress, SmtpSettings)} does, with every
     * step bounded by {@code deadline} as well as by its own timeout. A session the deadline cuts
     * short fails with {@link SessionFailure.Kind#CONNECT_FAILED} (while connecting) or
     * {@link SessionFailure.Kind#TIMEOUT}, status code 4.4.7, and a message naming the deadline.
     *
     * @throws IllegalStateException if loopback-only mode is on and {@code address} is not loopback
     */
    public static OpenResult open(
            String host, InetSocketAddress address, SmtpSettings settings, SendDeadline deadline) {
        Transcript transcript = new Transcript(host + " [" + address + "]", settings.keepTranscript());
        SmtpConnection connection;
        try {
            connection = SmtpConnection.open(
                    host,
                    deadline,
                    address,
                    settings.localAddress(),
                    settings.timeouts().connect(),
                    settings.timeouts().write(),
                    new WriteWatchdog(settings.watchdogScheduler()),
                    transcript);
        } catch (IOException e) {
            LOG.debug("Cannot connect to {} [{}]: {}", host, address, e.toString());
            SessionFailure failure = e instanceof SendDeadlineException passed
                    ? passed.toFailure(SessionFailure.Kind.CONNECT_FAILED)
                    : SessionFailure.of(SessionFailure.Kind.CONNECT_FAILED, "cannot connect to " + address, e);
            return new OpenResult.Failed(failure, transcript.drain());
        }
        SmtpSession session = new SmtpSession(host, settings, connection, transcript);
        SessionFailure failure = session.start();
        if (failure != null) {
            LOG.debug("Session with {} [{}] failed: {}", host, address, failure);
            session.closeWithout(failure);
            return new OpenResult.Failed(failure, transcript.drain());
        }
        connection.deadline(SendDeadline.none());
        return new OpenResult.Opened(session);
    }

    private @Nullable SessionFailure start() {
        try {
            SessionFailure failure = settings.implicitTls() ? handshake() : null;
            if (failure == null) {
                failure = greet();
            }
            if (failure == null) {
                failure = hello();
            }
            if (failure == null && !settings.implicitTls()) {
                failure = startTls();
            }
            if (failure == null) {
                failure = authenticate();
            }
            return failure;
        } catch (IOException e) {
            return transportFailure(e, "while opening the session");
        }
    }

    private @Nullable SessionFailure greet() throws IOException {
        SmtpReply greeting = connection.readReply(timeouts.greeting(), "the greeting");
        if (greeting.code() == 421) {
            return closing(greeting);
        }
        if (!greeting.isPositive()) {
            // RFC 5321 §3.1: after a 554 greeting the client should send QUIT, not EHLO.
            quit();
            return SessionFailure.of(SessionFailure.Kind.GREETING_REFUSED, host + " refused the session", greeting);
        }
        return null;
    }

    /** Sends EHLO, and HELO after a 5xx (RFC 5321 §3.2), after which no extension is used. */
    private @Nullable SessionFailure hello() throws IOException {
        SmtpReply reply = execute(Commands.ehlo(settings.heloName()), timeouts.command());
        if (reply.isPositive()) {
            capabilities = Capabilities.parse(reply);
            return null;
        }
        if (!reply.isPermanentFailure()) {
            return refusedHello(reply);
        }
        capabilities = Capabilities.none();
        SmtpReply helo = execute(Commands.helo(settings.heloName()), timeouts.command());
        return helo.isPositive() ? null : refusedHello(helo);
    }

    private SessionFailure refusedHello(SmtpReply reply) throws IOException {
        if (reply.code() == 421) {
            return closing(reply);
        }
        quit();
        return SessionFailure.of(SessionFailure.Kind.HELLO_REFUSED, host + " refused EHLO/HELO", reply);
    }

    /** Upgrades to TLS as the TLS policy requires (RFC 3207), then sends EHLO again (RFC 3207 §4.2). */
    private @Nullable SessionFailure startTls() throws IOException {
        TlsPolicy policy = settings.tlsPolicy();
        if (policy == TlsPolicy.NONE) {
            return null;
        }
        if (!capabilities.supports("STARTTLS")) {
            return policy == TlsPolicy.OPPORTUNISTIC ? null : tlsUnavailable("does not offer STARTTLS", null);
        }
        SmtpReply reply = execute("STARTTLS", timeouts.command());
        if (reply.code() == 421) {
            return closing(reply);
        }
        if (reply.code() != 220) {
            // RFC 3207 §4: after a refusal the session continues unencrypted, if the policy allows.
            return policy == TlsPolicy.OPPORTUNISTIC ? null : tlsUnavailable("refused STARTTLS", reply);
        }
        connection.requireNoPendingInput("after its 220 reply to STARTTLS");
        SessionFailure failure = handshake();
        return failure != null ? failure : hello();
    }

    private @Nullable SessionFailure handshake() {
        boolean verify = settings.tlsPolicy() == TlsPolicy.VERIFIED;
        SSLContext context = verify ? settings.verifiedTls() : settings.unverifiedTls();
        try {
            tls = connection.startTls(context.getSocketFactory(), host, verify, timeouts.tlsHandshake());
            LOG.debug("TLS with {} [{}]: {}", host, connection.address(), tls);
            return null;
        } catch (SendDeadlineException e) {
            connection.close();
            state = State.CLOSED;
            return e.toFailure(SessionFailure.Kind.TIMEOUT);
        } catch (IOException e) {
            connection.close();
            state = State.CLOSED;
            // Only an opportunistic STARTTLS may fall back to plaintext; a REQUIRED or VERIFIED
            // policy, or a relay that only speaks TLS, must not.
            boolean plaintextRetry = settings.tlsPolicy() == TlsPolicy.OPPORTUNISTIC && !settings.implicitTls();
            return new SessionFailure(
                    SessionFailure.Kind.TLS_FAILED,
                    "TLS handshake with " + host + " failed: " + e.getMessage(),
                    null,
                    null,
                    plaintextRetry,
                    e);
        }
    }

    private SessionFailure tlsUnavailable(String what, @Nullable SmtpReply reply) throws IOException {
        quit();
        return SessionFailure.of(
                SessionFailure.Kind.TLS_UNAVAILABLE,
                host + " " + what + ", which the TLS policy " + settings.tlsPolicy() + " requires",
                reply);
    }

    private @Nullable SessionFailure authenticate() throws IOException {
        Credentials credentials = settings.credentials();
        if (credentials == null) {
            return null;
        }
        return new Authenticator(connection, timeouts, host)
                .authenticate(credentials, capabilities, tls != null || isLoopback());
    }

    /**
     * Delivers one message to the envelope's recipients, in as many transactions as needed: at
     * most {@value #MAX_RECIPIENTS} recipients each, recipients refused with 452 in the next one,
     * and addresses that need SMTPUTF8 apart from those that do not.
     *
     * <p>If the host lacks an extension the message needs, no command is sent and every recipient
     * is DEFERRED with a {@link SessionFailure.Kind#HOST_UNSUITABLE} failure; the session stays
     * usable. When the session fails, the outcome's failure gives the reason, the connection is closed,
     * and every recipient without a reply yet is DEFERRED.
     *
     * @throws IllegalStateException if the session is closed
     * @throws IllegalArgumentException if a line of the message is longer than 998 octets
     */
    public DeliveryOutcome deliver(SmtpEnvelope envelope, MessageContent content) {
        return deliver(envelope, content, SendDeadline.none());
    }

    /**
     * Delivers one message as {@link #deliver(SmtpEnvelope, MessageContent)} does, with every step
     * up to the end of the data bounded by {@code deadline} as well as by its own timeout. The
     * reply to the end of the data is waited for up to its own timeout, whatever the deadline. A
     * step the deadline cuts short closes the connection and fails with
     * {@link SessionFailure.Kind#TIMEOUT}, status code 4.4.7, and a message naming the deadline.
     *
     * @throws IllegalStateException if the session is closed
     * @throws IllegalArgumentException if a line of the message is longer than 998 octets
     */
    public DeliveryOutcome deliver(SmtpEnvelope envelope, MessageContent content, SendDeadline deadline) {
        requireOpen();
        connection.deadline(deadline);
        try {
            return deliverWithin(envelope, content);
        } finally {
            connection.deadline(SendDeadline.none());
        }
    }

    private DeliveryOutcome deliverWithin(SmtpEnvelope envelope, MessageContent content) {
        MessageFacts facts = content.facts();
        if (facts.hasOverlongLine()) {
            throw new IllegalArgumentException("the message has a line of " + facts.longestLine()
                    + " octets, but SMTP allows at most " + MessageFacts.MAX_LINE_LENGTH
                    + " (RFC 5321 §4.5.3.1.6); encode the message (for example quoted-printable) first");
        }
        SessionFailure unsuitable = MessageRequirements.check(host, capabilities, envelope, facts);
        if (unsuitable != null) {
            LOG.debug("{} cannot take the message: {}", host, unsuitable.message());
            return finish(envelope, List.of(), new LinkedHashMap<>(), unsuitable);
        }

        boolean firstOnIdleConnection = carriedTransaction;
        carriedTransaction = true;
        List<TransactionOutcome> transactions = new ArrayList<>();
        Map<String, RecipientOutcome> outcomes = new LinkedHashMap<>();
        SessionFailure failure = null;
        for (List<String> group : MessageRequirements.groups(envelope, facts)) {
            Deque<String> queue = new ArrayDeque<>(group);
            while (!queue.isEmpty() && failure == null) {
                failure = resetIfNeeded(firstOnIdleConnection);
                if (failure != null) {
                    break;
                }
                List<String> batch = new ArrayList<>();
                while (!queue.isEmpty() && batch.size() < MAX_RECIPIENTS) {
                    batch.add(queue.removeFirst());
                }
                MailTransaction.Result result = new MailTransaction(
                                connection, capabilities, timeouts, envelope, batch, content, firstOnIdleConnection)
                        .run();
                firstOnIdleConnection = false;
                transactions.add(result.outcome());
                result.outcome().recipients().forEach(o -> outcomes.put(o.recipient(), o));
                failure = result.failure();
                state = failure != null ? State.CLOSED : result.needsReset() ? State.NEEDS_RESET : State.READY;
                requeuePostponed(result, queue, outcomes);
            }
        }
        if (failure != null) {
            closeWithout(failure);
        }
        return finish(envelope, transactions, outcomes, failure);
    }

    /**
     * Puts recipients refused with 452 back at the front of the queue, but only when the
     * transaction made progress. Without progress the server would reject them again forever, so
     * they are DEFERRED with their 452.
     */
    private static void requeuePostponed(
            MailTransaction.Result result, Deque<String> queue, Map<String, RecipientOutcome> outcomes) {
        boolean progress = result.outcome().dataSent();
        List<String> postponed = new ArrayList<>(result.postponed().keySet());
        for (int i = postponed.size() - 1; i >= 0; i--) {
            String recipient = postponed.get(i);
            if (progress) {
                queue.addFirst(recipient);
            } else {
                SmtpReply reply = result.postponed().get(recipient);
                outcomes.put(
                        recipient, new RecipientOutcome(recipient, DeliveryStatus.DEFERRED, reply, null, false, false));
            }
        }
    }

    private DeliveryOutcome finish(
            SmtpEnvelope envelope,
            List<TransactionOutcome> transactions,
            Map<String, RecipientOutcome> outcomes,
            @Nullable SessionFailure failure) {
        List<RecipientOutcome> ordered = new ArrayList<>();
        for (String recipient : envelope.recipients()) {
            RecipientOutcome outcome = outcomes.get(recipient);
            if (outcome == null) {
                // Only reachable with a failure: without one, every recipient was decided.
                SessionFailure cause = failure != null ? failure : closeReason;
                outcome = new RecipientOutcome(recipient, DeliveryStatus.DEFERRED, null, cause, false, false);
            }
            ordered.add(outcome);
        }
        return new DeliveryOutcome(host, connection.address(), tls, ordered, transactions, failure, transcript.drain());
    }

    /**
     * Sends RSET so that the next transaction starts clean (RFC 5321 §4.1.1.5). A pool calls this
     * before it keeps an idle session; {@link #deliver} calls it itself when needed.
     *
     * @return true if the session is ready for the next message; false if the server closed it,
     *     in which case {@link #closeReason()} is {@link SessionFailure.Kind#NEEDS_RECONNECT}
     * @throws IllegalStateException if the session is closed
     */
    public boolean reset() {
        requireOpen();
        SessionFailure failure = sendReset(true);
        if (failure != null) {
            closeWithout(failure);
            return false;
        }
        return true;
    }

    private @Nullable SessionFailure resetIfNeeded(boolean idle) {
        if (state != State.NEEDS_RESET) {
            return null;
        }
        return sendReset(idle);
    }

    private @Nullable SessionFailure sendReset(boolean idle) {
        SmtpReply reply;
        try {
            reply = execute("RSET", timeouts.command());
        } catch (IOException e) {
            if (idle && !(e instanceof SocketTimeoutException) && !(e instanceof SmtpProtocolException)) {
                return SessionFailure.of(SessionFailure.Kind.NEEDS_RECONNECT, "the idle connection was closed", e);
            }
            return transportFailure(e, "on RSET");
        }
        if (reply.code() == 421) {
            return SessionFailure.of(
                    idle ? SessionFailure.Kind.NEEDS_RECONNECT : SessionFailure.Kind.SERVER_CLOSING,
                    "the server is closing the connection",
                    reply);
        }
        if (!reply.isPositive()) {
            return SessionFailure.of(SessionFailure.Kind.PROTOCOL_ERROR, "RSET was refused", reply);
        }
        state = State.READY;
        return null;
    }

    /** Returns whether another message can be sent on this session. */
    public boolean isReusable() {
        return state != State.CLOSED && !connection.isClosed();
    }

    /** Returns why the session closed, or null while it is open or after a normal {@link #close()}. */
    public @Nullable SessionFailure closeReason() {
        return closeReason;
    }

    /** Returns the MX host name the session was opened for. */
    public String host() {
        return host;
    }

    /** Returns the address of the server. */
    public InetSocketAddress address() {
        return connection.address();
    }

    /** Returns the TLS parameters, or null if the session is not encrypted. */
    public @Nullable TlsInfo tls() {
        return tls;
    }

    /** Returns the extensions of the last EHLO, or none after HELO. */
    public Capabilities capabilities() {
        return capabilities;
    }

    /** Returns the dialogue kept since the last outcome and clears it; empty unless the settings keep it. */
    public List<TranscriptLine> drainTranscript() {
        return transcript.drain();
    }

    /** Sends QUIT if the session is open, and closes the connection. Never throws. */
    @Override
    public void close() {
        if (state != State.CLOSED) {
            quit();
        }
    }

    private void quit() {
        state = State.CLOSED;
        try {
            execute("QUIT", timeouts.command());
        } catch (IOException e) {
            LOG.debug("QUIT to {} failed: {}", host, e.toString());
        } finally {
            connection.close();
        }
    }

    private void closeWithout(SessionFailure failure) {
        state = State.CLOSED;
        closeReason = failure;
        connection.close();
    }

    private SessionFailure closing(SmtpReply reply) {
        state = State.CLOSED;
        connection.close();
        return SessionFailure.of(SessionFailure.Kind.SERVER_CLOSING, host + " is closing the connection", reply);
    }

    private SessionFailure transportFailure(IOException e, String when) {
        connection.close();
        state = State.CLOSED;
        if (e instanceof SendDeadlineException passed) {
            return passed.toFailure(SessionFailure.Kind.TIMEOUT);
        }
        SessionFailure.Kind kind = e instanceof SocketTimeoutException
                ? SessionFailure.Kind.TIMEOUT
                : e instanceof SmtpProtocolException
                        ? SessionFailure.Kind.PROTOCOL_ERROR
                        : SessionFailure.Kind.CONNECTION_LOST;
        return SessionFailure.of(kind, "failure " + when + " with " + host, e);
    }

    /** Writes one command, waits for its reply: the one path of every command outside a transaction. */
    private SmtpReply execute(String command, Duration timeout) throws IOException {
        connection.writeLine(command, command);
        connection.flush(timeouts.write());
        return connection.readReply(timeout, "the reply to " + verb(command));
    }

    private static String verb(String command) {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    private boolean isLoopback() {
        return connection.address().getAddress().isLoopbackAddress();
    }

    private void requireOpen() {
        if (state == State.CLOSED) {
            throw new IllegalStateException(
                    "the session with " + host + " is closed" + (closeReason == null ? "" : ": " + closeReason));
        }
    }
}
