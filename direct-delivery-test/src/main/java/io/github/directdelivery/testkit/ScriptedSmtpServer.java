package io.github.directdelivery.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * An SMTP server on loopback whose replies a test scripts, and which records what each client
 * sent, byte for byte.
 *
 * <p>Without a script it behaves like a small, accepting mail server: a 220 greeting, an EHLO
 * reply with PIPELINING, 8BITMIME, SMTPUTF8 and ENHANCEDSTATUSCODES (plus STARTTLS and AUTH when
 * configured), 250 to MAIL, RCPT, RSET and NOOP, 354 to DATA, BDAT, 221 to QUIT. It keeps the
 * envelope like a real server: RCPT before an accepted MAIL gets 503, DATA without an accepted
 * recipient gets 554. Message content is un-stuffed after DATA and joined across BDAT chunks, and
 * every accepted message appears in {@link #messages()}.
 *
 * <p>A script replaces any reply: by command verb ({@link Builder#on(String, ScriptedReply...)},
 * where several replies answer the first, second, ... such command on each connection and the
 * last one repeats), by recipient address ({@link Builder#onRecipient}), and after the message
 * content ({@link Builder#onEndOfData}). A {@link ScriptedReply} can also be written slowly, in
 * pieces, or be followed by a dropped connection or a server that stops reading.
 *
 * <pre>{@code
 * try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
 *         .greeting("220-mx.example.net ESMTP", "220 ready")
 *         .capabilities("PIPELINING", "CHUNKING")
 *         .onRecipient("nobody@example.net", "550 5.1.1 no such user")
 *         .start()) {
 *     // connect a client to server.address() and send mail
 *     RecordedConnection connection = server.awaitConnection(0, Duration.ofSeconds(5));
 *     connection.awaitClosed(Duration.ofSeconds(5));
 *     String wire = connection.receivedText();
 *     List<ReceivedMessage> messages = server.messages();
 * }
 * }</pre>
 *
 * <p>Each connection is served by its own thread. The server listens on 127.0.0.1 with an
 * ephemeral port unless told otherwise, and {@link #close()} stops it and drops every connection.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private final Script script;
    private final ServerSocket serverSocket;
    private final List<RecordedConnection> connections = new ArrayList<>();
    private final List<ReceivedMessage> messages = new ArrayList<>();
    private final Set<Socket> sockets = new HashSet<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread acceptor;

    private ScriptedSmtpServer(Script script, ServerSocket serverSocket) {
        this.script = script;
        this.serverSocket = serverSocket;
        this.acceptor = new Thread(this::acceptLoop, "scripted-smtp-accept-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts describing a server; {@link Builder#start()} binds and starts it. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the address the server listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** Returns the port the server listens on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Returns the connections accepted so far, in order. */
    public List<RecordedConnection> connections() {
        synchronized (connections) {
            return List.copyOf(connections);
        }
    }

    /**
     * Waits for the connection with this index (0 is the first) to be accepted.
     *
     * @throws AssertionError if it is not accepted within {@code timeout}
     */
    public RecordedConnection awaitConnection(int index, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (connections) {
            while (connections.size() <= index) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError(
                            "connection " + index + " not accepted within " + timeout + "; have " + connections.size());
                }
                try {
                    connections.wait(Math.max(1, remaining / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for connection " + index, e);
                }
            }
            return connections.get(index);
        }
    }

    /**
     * Returns the messages accepted so far. A message is recorded before the server sends its 2xx
     * reply, so a client that has read that reply finds its message here.
     */
    public List<ReceivedMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /**
     * Stops listening, drops every connection and waits briefly for the accepting and connection
     * threads, so that the port can be bound again once this returns.
     */
    @Override
    public void close() {
        stopped.countDown();
        try {
            serverSocket.close();
        } catch (IOException e) {
            // Already closed or broken; either way it no longer accepts connections.
        }
        List<Thread> running = new ArrayList<>();
        // A socket closed while another thread waits in accept() releases its port only when that
        // thread returns.
        running.add(acceptor);
        synchronized (sockets) {
            for (Socket socket : sockets) {
                closeQuietly(socket);
            }
            running.addAll(threads);
        }
        for (Thread thread : running) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "ScriptedSmtpServer[" + address() + "]";
    }

    private void acceptLoop() {
        while (stopped.getCount() > 0) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            RecordedConnection record;
            synchronized (connections) {
                record = new RecordedConnection(connections.size(), !script.hashOnly());
                connections.add(record);
                connections.notifyAll();
            }
            ServerSession session = new ServerSession(script, socket, record, this::addMessage, stopped);
            Thread thread = new Thread(() -> serve(socket, session), "scripted-smtp-" + port() + "-" + record.index());
            thread.setDaemon(true);
            synchronized (sockets) {
                if (stopped.getCount() == 0) {
                    closeQuietly(socket);
                    record.markClosed();
                    return;
                }
                sockets.add(socket);
                threads.add(thread);
            }
            thread.start();
        }
    }

    private void serve(Socket socket, ServerSession session) {
        try {
            session.run();
        } finally {
            synchronized (sockets) {
                sockets.remove(socket);
            }
        }
    }

    private void addMessage(ReceivedMessage message) {
        synchronized (messages) {
            messages.add(message);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // The connection is being dropped anyway.
        }
    }

    /** The immutable description of a server's behaviour, shared by its connection threads. */
    record Script(
            String hostName,
            ScriptedReply greeting,
            @Nullable ScriptedReply ehloReply,
            @Nullable List<String> capabilities,
            Map<String, List<ScriptedReply>> byVerb,
            Map<String, ScriptedReply> byRecipient,
            List<ScriptedReply> endOfData,
            @Nullable TlsIdentity startTls,
            @Nullable TlsIdentity implicitTls,
            @Nullable String username,
            @Nullable String password,
            boolean hashOnly) {}

    /**
     * Describes a {@link ScriptedSmtpServer}. Every method returns this builder; {@link #start()}
     * binds the socket and starts serving.
     */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private String hostName = "mx.example.net";
        private @Nullable ScriptedReply greeting;
        private @Nullable ScriptedReply ehloReply;
        private @Nullable List<String> capabilities;
        private final Map<String, List<ScriptedReply>> byVerb = new LinkedHashMap<>();
        private final Map<String, ScriptedReply> byRecipient = new LinkedHashMap<>();
        private List<ScriptedReply> endOfData = List.of();
        private @Nullable TlsIdentity startTls;
        private @Nullable TlsIdentity implicitTls;
        private @Nullable String username;
        private @Nullable String password;
        private boolean hashOnly;

        private Builder() {}

        /** Sets the address to listen on; default 127.0.0.1. Tests should keep to loopback. */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        /** Sets the port to listen on; default 0, an ephemeral port ({@link ScriptedSmtpServer#port()}). */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, not " + value);
            }
            this.port = value;
            return this;
        }

        /** Sets the name in the default greeting and EHLO reply; default {@code mx.example.net}. */
        public Builder hostName(String value) {
            this.hostName = Objects.requireNonNull(value, "hostName");
            return this;
        }

        /** Sets the greeting, such as {@code greeting("220-mx.example.net ESMTP", "220 ready")}. */
        public Builder greeting(String... lines) {
            return greeting(ScriptedReply.of(lines));
        }

        /** Sets the greeting; default {@code 220 <host name> ESMTP}. */
        public Builder greeting(ScriptedReply value) {
            this.greeting = Objects.requireNonNull(value, "greeting");
            return this;
        }

        /**
         * Sets the extensions the EHLO reply lists after the host name line, exactly these (no
         * STARTTLS or AUTH is added). After STARTTLS succeeded, a {@code STARTTLS} keyword is left
         * out.
         */
        public Builder capabilities(String... keywords) {
            this.capabilities = List.of(keywords);
            return this;
        }

        /** Sets the whole EHLO reply, before and after STARTTLS; overrides {@link #capabilities}. */
        public Builder ehloReply(ScriptedReply value) {
            this.ehloReply = Objects.requireNonNull(value, "ehloReply");
            return this;
        }

        /**
         * Scripts the replies to a command verb such as {@code MAIL} (any letter case). On each
         * connection the first such command gets the first reply, and so on; the last one repeats.
         * For STARTTLS, a 220 reply that neither disconnects nor stops reading is followed by the
         * handshake. For BDAT the replies answer the chunks before LAST.
         */
        public Builder on(String verb, ScriptedReply... replies) {
            if (replies.length == 0) {
                throw new IllegalArgumentException("at least one reply is needed for " + verb);
            }
            byVerb.put(verb.toUpperCase(Locale.ROOT), List.of(replies));
            return this;
        }

        /** Scripts one reply of these lines to every command with this verb. */
        public Builder on(String verb, String... replyLines) {
            return on(verb, ScriptedReply.of(replyLines));
        }

        /** Scripts the reply to RCPT for this address (compared without letter case); wins over {@link #on}. */
        public Builder onRecipient(String address, ScriptedReply reply) {
            byRecipient.put(address.toLowerCase(Locale.ROOT), Objects.requireNonNull(reply, "reply"));
            return this;
        }

        /** Scripts one reply of these lines to RCPT for this address. */
        public Builder onRecipient(String address, String... replyLines) {
            return onRecipient(address, ScriptedReply.of(replyLines));
        }

        /**
         * Scripts the replies after the message content (the final dot, or {@code BDAT ... LAST}):
         * the first message of each connection gets the first reply, and so on; the last repeats.
         * Default {@code 250 2.0.0 queued as <n>}.
         */
        public Builder onEndOfData(ScriptedReply... replies) {
            this.endOfData = List.of(replies);
            return this;
        }

        /** Offers STARTTLS and, after a 220 to it, runs the TLS handshake with this identity. */
        public Builder startTls(TlsIdentity identity) {
            this.startTls = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** Runs the TLS handshake with this identity as soon as a client connects (port 465 style). */
        public Builder implicitTls(TlsIdentity identity) {
            this.implicitTls = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** Offers {@code AUTH PLAIN LOGIN} and accepts these credentials (235), refusing others (535). */
        public Builder credentials(String user, String pass) {
            this.username = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(pass, "pass");
            return this;
        }

        /**
         * Keeps no content and records no bytes, only each message's size and SHA-256, so that
         * very large messages need no memory. Commands are still recorded.
         */
        public Builder hashContentOnly() {
            this.hashOnly = true;
            return this;
        }

        /**
         * Binds the socket and starts serving.
         *
         * @throws IOException if the address cannot be bound
         */
        public ScriptedSmtpServer start() throws IOException {
            Script script = new Script(
                    hostName,
                    greeting != null ? greeting : ScriptedReply.of("220 " + hostName + " ESMTP scripted"),
                    ehloReply,
                    capabilities,
                    Map.copyOf(byVerb),
                    Map.copyOf(byRecipient),
                    endOfData,
                    startTls,
                    implicitTls,
                    username,
                    password,
                    hashOnly);
            ServerSocket socket = new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(bindAddress, port), 50);
            } catch (SocketException e) {
                socket.close();
                throw e;
            }
            return new ScriptedSmtpServer(script, socket);
        }
    }
}
