package io.github.directdelivery.testkit;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** The 127.0.0.x addresses that {@link FakeInternet} gives its hosts. */
final class LoopbackAddresses {

    private LoopbackAddresses() {}

    /** Returns 127.0.0.{@code lastOctet}. */
    static InetAddress of(int lastOctet) {
        if (lastOctet < 1 || lastOctet > 254) {
            throw new IllegalArgumentException("last octet must be 1 to 254, not " + lastOctet);
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet});
        } catch (UnknownHostException e) {
            // Only thrown for an address of illegal length.
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks, after binding a port of {@code address} failed with {@code failure}, whether this
     * system can bind the address at all, by binding an ephemeral port there and releasing it.
     * Returns normally when it can, so that the failure concerned that port only.
     *
     * @throws IOException if the address cannot be bound, with a message that names it
     */
    static void checkBindable(InetAddress address, BindException failure) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, 0));
        } catch (BindException e) {
            IOException unavailable = new IOException("Cannot bind the loopback address "
                    + address.getHostAddress() + " (" + e.getMessage() + "). Linux routes all of"
                    + " 127.0.0.0/8 to the loopback interface; on other systems add the address to"
                    + " it first, for example with `sudo ifconfig lo0 alias " + address.getHostAddress()
                    + " up` on macOS.");
            unavailable.addSuppressed(failure);
            throw unavailable;
        }
    }
}
