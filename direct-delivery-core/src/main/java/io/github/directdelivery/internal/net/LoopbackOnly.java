package io.github.directdelivery.internal.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The loopback-only mode for test suites. When the system property {@value #PROPERTY} is
 * {@code true}, every connection the library opens (DNS queries and SMTP sessions) must go to a
 * loopback address, and any other destination fails at once with an {@link IllegalStateException}.
 * A test that forgets to inject its DNS server or SMTP port then fails loudly instead of reaching
 * a real host.
 */
public final class LoopbackOnly {

    /** The system property that turns the mode on. */
    public static final String PROPERTY = "io.github.directdelivery.loopbackOnly";

    private LoopbackOnly() {}

    /** The refusal of a destination that is not loopback while the mode is on. */
    public static final class RefusedDestination extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RefusedDestination(String message) {
            super(message);
        }
    }

    /** Returns whether the mode is on. The property is read on each call, so tests may switch it. */
    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * Checks a destination before connecting to it.
     *
     * @param purpose what the connection is for, such as "DNS server" or "SMTP host", for the message
     * @throws RefusedDestination if the mode is on and the address is not a loopback address
     */
    public static void check(InetAddress address, String purpose) {
        if (enabled() && !address.isLoopbackAddress()) {
            throw new RefusedDestination("Refusing to connect to " + purpose + " " + address.getHostAddress() + ": "
                    + PROPERTY + " is set, so only loopback destinations are allowed");
        }
    }

    /** Checks a destination before connecting to it; see {@link #check(InetAddress, String)}. */
    public static void check(InetSocketAddress address, String purpose) {
        if (address.isUnresolved()) {
            if (enabled()) {
                throw new RefusedDestination("Refusing to connect to unresolved " + purpose + " "
                        + address.getHostString() + ": " + PROPERTY + " is set");
            }
            return;
        }
        check(address.getAddress(), purpose);
    }
}
