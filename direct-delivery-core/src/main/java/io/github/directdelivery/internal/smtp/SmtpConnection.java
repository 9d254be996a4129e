package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.TlsInfo;
import io.github.directdelivery.internal.net.LoopbackOnly;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The transport under an {@link SmtpSession}: a TCP socket, later TLS, with buffered command
 * writes bounded by a {@link WriteWatchdog}, a {@link ReplyReader} and the transcript. It handles
 * lines and replies, not SMTP semantics.
 */
final class SmtpConnection implements Closeable {

    private static final byte[] CRLF = {'\r', '\n'};

    private final WriteWatchdog watchdog;
    private final Transcript transcript;
    private final InetSocketAddress address;
    private final Duration writeTimeout;
    private final String peer;
    private SendDeadline deadline;
    private Socket socket;
    private GuardedOutputStream guarded;
    private OutputStream out;
    private final ReplyReader reader;

    private SmtpConnection(
            Socket socket,
            String peer,
            SendDeadline deadline,
            WriteWatchdog watchdog,
            Transcript transcript,
            Duration writeTimeout)
            throws IOException {
        this.socket = socket;
        this.peer = peer;
        this.deadline = deadline;
        this.watchdog = watchdog;
        this.transcript = transcript;
        this.address = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.writeTimeout = writeTimeout;
        this.guarded = new GuardedOutputStream(socket.getOutputStream(), socket, watchdog, writeTimeout);
        this.out = new BufferedOutputStream(guarded, 16384);
        this.guarded.deadline(deadline, "sending commands to " + peer);
        this.reader = new ReplyReader(socket.getInputStream(), this::applyReadTimeout, transcript::server);
    }

    /**
     * Opens a TCP connection.
     *
     * @param host the server's host name, for failure messages
     * @param deadline bounds the connect and every later step until {@link #deadline} replaces it
     * @throws IllegalStateException if loopback-only mode is on and {@code address} is not loopback
     * @throws SendDeadlineException if the deadline passes before the connection is open
     * @throws IOException if the connection cannot be opened within {@code connectTimeout}
     */
    static SmtpConnection open(
            String host,
            SendDeadline deadline,
            InetSocketAddress address,
            @Nullable InetAddress localAddress,
            Duration connectTimeout,
            Duration writeTimeout,
            WriteWatchdog watchdog,
            Transcript transcript)
            throws IOException {
        LoopbackOnly.check(address, "SMTP host");
        String peer = host + " [" + address.getAddress().getHostAddress() + "]";
        String step = "connecting to " + peer;
        Duration limit = deadline.limit(connectTimeout);
        if (limit.isZero()) {
            throw deadline.passed(step, null);
        }
        Socket socket = new Socket();
        try {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.setTcpNoDelay(true);
            socket.connect(address, millis(limit));
            return new SmtpConnection(socket, peer, deadline, watchdog, transcript, writeTimeout);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw limit.compareTo(connectTimeout) < 0 ? deadline.passed(step, e) : e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    InetSocketAddress address() {
        return address;
    }

    /**
     * Adds a command line to the output buffer; {@code shown} is what the transcript records. A
     * full buffer is written out under the write timeout.
     */
    void writeLine(String line, String shown) throws IOException {
        transcript.client(shown);
        guarded.timeout(writeTimeout);
        guarded.deadline(deadline, "sending commands to " + peer);
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    /** Sends everything buffered; the write must finish within {@code timeout}. */
    void flush(Duration timeout) throws IOException {
        guarded.timeout(timeout);
        out.flush();
    }

    /** Returns the stream for message content, whose each block write is bounded by {@code blockTimeout}. */
    OutputStream contentStream(Duration blockTimeout) {
        guarded.timeout(blockTimeout);
        guarded.deadline(deadline, "sending the message content to " + peer);
        return out;
    }

    /** Bounds the following steps by {@code value}, until it is replaced; {@link SendDeadline#none()} lifts it. */
    void deadline(SendDeadline value) {
        this.deadline = value;
        guarded.deadline(value, "sending commands to " + peer);
    }

    /** Records a client line that was not written through {@link #writeLine}, such as a content summary. */
    void note(String shown) {
        transcript.client(shown);
    }

    /**
     * Reads a reply within {@code timeout}, or within the time left before the send deadline if
     * that is shorter.
     *
     * @param awaited the expected reply, such as "the reply to MAIL", for failure messages
     * @throws SendDeadlineException if the deadline passes first
     * @throws IOException as {@link ReplyReader#read}
     */
    SmtpReply readReply(Duration timeout, String awaited) throws IOException {
        String step = "waiting for " + awaited + " from " + peer;
        Duration limit = deadline.limit(timeout);
        if (limit.isZero()) {
            throw deadline.passed(step, null);
        }
        try {
            return reader.read(limit);
        } catch (SocketTimeoutException e) {
            throw limit.compareTo(timeout) < 0 ? deadline.passed(step, e) : e;
        }
    }

    /**
     * Reads the reply to the end of the data within {@code timeout}, whatever the send deadline:
     * the server may have taken the message, so the client waits for its reply (RFC 5321 §4.5.3.2.6).
     */
    SmtpReply readFinalReply(Duration timeout) throws IOException {
        return reader.read(timeout);
    }

    /**
     * Fails if the server has sent bytes that no command asked for. RFC 3207 §5 requires this
     * before TLS: bytes sent after the 220 to STARTTLS would otherwise be read as if they had come
     * through TLS (the STARTTLS command injection attack). Bytes that arrive after this check go
     * into the TLS handshake as garbage and make it fail, so they are never read as a reply.
     */
    void requireNoPendingInput(String when) throws IOException {
        if (reader.hasBufferedInput()) {
            throw new SmtpProtocolException("the server sent unexpected bytes " + when);
        }
    }

    /**
     * Runs the TLS handshake on this connection and continues over TLS.
     *
     * @param serverName the host name for SNI and, when {@code verifyHostName}, for the certificate
     *     check; a trailing dot is removed
     * @param verifyHostName whether the certificate must match {@code serverName} (RFC 6125 rules as
     *     for HTTPS); the chain is checked by the factory's trust managers
     * @throws IOException if the handshake fails or does not finish within {@code timeout}
     */
    TlsInfo startTls(SSLSocketFactory factory, String serverName, boolean verifyHostName, Duration timeout)
            throws IOException {
        String name = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, name, address.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        if (isHostName(name)) {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        if (verifyHostName) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tls.setSSLParameters(parameters);
        socket = tls;
        String step = "in the TLS handshake with " + peer;
        Duration limit = deadline.limit(timeout);
        if (limit.isZero()) {
            throw deadline.passed(step, null);
        }
        tls.setSoTimeout(millis(limit));
        // The read timeout alone would let a server that sends one byte at a time stretch the handshake.
        WriteWatchdog.Guard guard = watchdog.start(tls, limit);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            if (limit.compareTo(timeout) < 0 && (guard.fired() || e instanceof SocketTimeoutException)) {
                throw deadline.passed(step, e);
            }
            throw e;
        } finally {
            guard.close();
        }
        if (guard.fired()) {
            throw limit.compareTo(timeout) < 0
                    ? deadline.passed(step, null)
                    : new SocketTimeoutException("TLS handshake not complete within " + timeout);
        }
        guarded = new GuardedOutputStream(tls.getOutputStream(), tls, watchdog, writeTimeout);
        guarded.deadline(deadline, "sending commands to " + peer);
        out = new BufferedOutputStream(guarded, 16384);
        reader.replaceStream(tls.getInputStream());
        SSLSession session = tls.getSession();
        return new TlsInfo(session.getProtocol(), session.getCipherSuite());
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    /** Closes the socket at once, without QUIT. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private void applyReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** SNI carries host names only (RFC 6066 §3), not IP literals. */
    private static boolean isHostName(String name) {
        return !name.isEmpty()
                && name.indexOf(':') < 0
                && !name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more can be done with a socket that fails to close.
        }
    }
}
