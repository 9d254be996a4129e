package io.github.directdelivery.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives DNS messages over UDP and TCP on the same port of 127.0.0.1 and sends back what a
 * {@link Handler} returns. TCP messages carry the two-octet length prefix of RFC 1035 §4.2.2, and a
 * connection may carry several queries.
 */
final class DnsListener implements AutoCloseable {

    /** Turns a query into the answer to send back, or null to send nothing. */
    interface Handler {
        byte @Nullable [] handle(byte[] query, DnsTransport transport);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DnsListener.class);

    private static final int MAX_BIND_ATTEMPTS = 20;
    private static final int TCP_IDLE_TIMEOUT_MILLIS = 30_000;

    private final DatagramSocket udpSocket;
    private final ServerSocket tcpSocket;
    private final Handler handler;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private DnsListener(DatagramSocket udpSocket, ServerSocket tcpSocket, Handler handler) {
        this.udpSocket = udpSocket;
        this.tcpSocket = tcpSocket;
        this.handler = handler;
        int port = tcpSocket.getLocalPort();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "dns-server-" + port);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Binds UDP and TCP sockets to one free port of 127.0.0.1 and starts serving.
     *
     * @throws IOException if no port was free for both transports
     */
    static DnsListener start(Handler handler) throws IOException {
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        for (int attempt = 0; attempt < MAX_BIND_ATTEMPTS; attempt++) {
            ServerSocket tcp = new ServerSocket();
            tcp.bind(new InetSocketAddress(loopback, 0));
            try {
                // The port is free for TCP; another process may hold it for UDP, so try the next.
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
                DnsListener listener = new DnsListener(udp, tcp, handler);
                listener.threads.execute(listener::serveUdp);
                listener.threads.execute(listener::acceptTcp);
                return listener;
            } catch (SocketException e) {
                tcp.close();
            }
        }
        throw new IOException(
                "No port of 127.0.0.1 was free for both UDP and TCP after " + MAX_BIND_ATTEMPTS + " attempts");
    }

    InetSocketAddress address() {
        return (InetSocketAddress) tcpSocket.getLocalSocketAddress();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65_535];
        while (!udpSocket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udpSocket.receive(packet);
                byte[] query = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getLength());
                byte[] answer = handler.handle(query, DnsTransport.UDP);
                if (answer != null) {
                    udpSocket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                // Closing the socket ends the loop; any other failure concerns one datagram only.
                if (!udpSocket.isClosed()) {
                    LOG.warn("DNS server on {} failed to answer a UDP query", address(), e);
                }
            }
        }
    }

    private void acceptTcp() {
        while (!tcpSocket.isClosed()) {
            try {
                Socket connection = tcpSocket.accept();
                threads.execute(() -> serveTcp(connection));
            } catch (IOException e) {
                // Closing the server socket ends the loop.
            }
        }
    }

    private void serveTcp(Socket connection) {
        connections.add(connection);
        try (connection) {
            connection.setSoTimeout(TCP_IDLE_TIMEOUT_MILLIS);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                byte[] answer = handler.handle(query, DnsTransport.TCP);
                if (answer != null) {
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            }
        } catch (EOFException e) {
            // The client closed the connection after its last query.
        } catch (IOException e) {
            // A timeout, a reset or the server closing: the connection ends either way.
            LOG.debug(
                    "DNS server on {} closed a TCP connection from {}: {}",
                    address(),
                    connection.getRemoteSocketAddress(),
                    e.toString());
        } finally {
            connections.remove(connection);
        }
    }

    /** Closes both sockets and stops every thread; waits up to 5 seconds for them. */
    @Override
    public void close() {
        udpSocket.close();
        try {
            tcpSocket.close();
        } catch (IOException e) {
            // The socket is closed even when close() fails.
        }
        // Blocked socket reads ignore interrupts, so the open connections are closed as well.
        for (Socket connection : connections) {
            try {
                connection.close();
            } catch (IOException e) {
                // Closed even when close() fails.
            }
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
