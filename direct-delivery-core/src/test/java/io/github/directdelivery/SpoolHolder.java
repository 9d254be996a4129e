package io.github.directdelivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * A process for {@link SpoolLockTest}: it opens a durable queue on the spool directory given as
 * its argument, prints {@code LOCKED}, and keeps the queue open until its standard input ends.
 */
public final class SpoolHolder {

    private SpoolHolder() {}

    public static void main(String[] args) throws Exception {
        try (DirectDelivery client = DirectDelivery.builder()
                        .heloName("holder.example.test")
                        .dnsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53))
                        .build();
                DurableDelivery queue =
                        DurableDelivery.builder(client, Path.of(args[0])).build()) {
            System.out.println(queue.stats().messages() == 0 ? "LOCKED" : "LOCKED, not empty");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the parent to close the pipe.
            }
        }
    }
}
