package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.internal.message.MessageContent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The child process of {@link LargeMessageTest}: sends one {@link GeneratedMessage} to a server on
 * loopback and exits 0 only if it was delivered. Arguments: port, size in bytes, seed.
 */
public final class LargeMessageSender {

    private LargeMessageSender() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long size = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[2]);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            MessageContent content = MessageContent.scan(new GeneratedMessage(size, seed));
            SmtpSettings settings = SmtpSettings.builder("client.example.org", scheduler)
                    .timeouts(SmtpTimeouts.uniform(Duration.ofSeconds(30)))
                    .build();
            OpenResult result = SmtpSession.open(
                    "mx.example.net", new InetSocketAddress(InetAddress.getLoopbackAddress(), port), settings);
            if (!(result instanceof OpenResult.Opened opened)) {
                System.out.println("open failed: " + result);
                System.exit(2);
                return;
            }
            DeliveryOutcome outcome;
            try (SmtpSession session = opened.session()) {
                outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), content);
            }
            RecipientOutcome recipient = outcome.recipients().get(0);
            Runtime runtime = Runtime.getRuntime();
            System.out.println("status=" + recipient.status() + " reply=" + recipient.reply() + " size="
                    + content.facts().size() + " maxHeap=" + runtime.maxMemory() + " usedHeap="
                    + (runtime.totalMemory() - runtime.freeMemory()));
            System.exit(recipient.status() == DeliveryStatus.DELIVERED ? 0 : 1);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
