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
    private Socket socket;
    private GuardedOutputStream guarded;
    private OutputStream out;
    private final ReplyReader reader;

    private SmtpConnection(Socket socket, WriteWatchdog watchdog, Transcript transcript, Duration writeTimeout)
            throws IOException {
        this.socket = socket;
        this.watchdog = watchdog;
        this.transcript = transcript;
        this.address = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.writeTimeout = writeTimeout;
        this.guarded = new GuardedOutputStream(socket.getOutputStream(), socket, watchdog, writeTimeout);
        this.out = new BufferedOutputStream(guarded, 16384);
        this.reader = new ReplyReader(socket.getInputStream(), this::applyReadTimeout, transcript::server);
    }

    /**
     * Opens a TCP connection.
     *
     * @throws IllegalStateException if loopback-only mode is on and {@code address} is not loopback
     * @throws IOException if the connection cannot be opened within {@code connectTimeout}
     */
    static SmtpConnection open(
            InetSocketAddress address,
            @Nullable InetAddress localAddress,
            Duration connectTimeout,
            Duration writeTimeout,
            WriteWatchdog watchdog,
            Transcript transcript)
            throws IOException {
        LoopbackOnly.check(address, "SMTP host");
        Socket socket = new Socket();
        try {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis())));
            return new SmtpConnection(socket, watchdog, transcript, writeTimeout);
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
        return out;
    }

    /** Records a client line that was not written through {@link #writeLine}, such as a content summary. */
    void note(String shown) {
        transcript.client(shown);
    }

    SmtpReply readReply(Duration timeout) throws IOException {
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
        tls.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        // The read timeout alone would let a server that sends one byte at a time stretch the handshake.
        WriteWatchdog.Guard guard = watchdog.start(tls, timeout);
        try {
            tls.startHandshake();
        } finally {
            guard.close();
        }
        if (guard.fired()) {
            throw new java.net.SocketTimeoutException("TLS handshake not complete within " + timeout);
        }
        guarded = new GuardedOutputStream(tls.getOutputStream(), tls, watchdog, writeTimeout);
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
