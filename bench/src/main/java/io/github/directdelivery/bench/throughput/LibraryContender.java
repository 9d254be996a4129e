package io.github.directdelivery.bench.throughput;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.bench.LoopbackMx;
import io.github.directdelivery.bench.SenderThreads;
import io.github.directdelivery.bench.TestMessages;

/**
 * DirectDelivery: one client per run, shared by all sending threads, with as many connections per
 * host as the workload has. It finds the sink through the MX record, as it would find any host.
 */
final class LibraryContender implements Contender {

    private final LoopbackMx mx;

    LibraryContender(LoopbackMx mx) {
        this.mx = mx;
    }

    @Override
    public String name() {
        return "DirectDelivery";
    }

    @Override
    public long run(Workload workload) throws Exception {
        MessageSource message = MessageSource.ofBytes(TestMessages.ofBodySize(workload.bodySize()));
        Envelope envelope = Envelope.of(TestMessages.SENDER, TestMessages.RECIPIENT);
        long start = System.nanoTime();
        try (DirectDelivery client =
                mx.clientBuilder().maxConnectionsPerHost(workload.connections()).build()) {
            SenderThreads.run(
                    workload.connections(),
                    workload.messages(),
                    () -> () -> requireDelivered(client.send(envelope, message)));
        }
        return System.nanoTime() - start;
    }

    private static void requireDelivered(DeliveryReport report) {
        for (RecipientResult result : report.results()) {
            if (result.status() != DeliveryStatus.DELIVERED) {
                throw new IllegalStateException("the sink did not accept a message: " + result);
            }
        }
    }
}
