package io.github.directdelivery.bench.submit;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.bench.SenderThreads;
import io.github.directdelivery.bench.TestMessages;
import java.nio.file.Path;
import java.time.Duration;

/**
 * DirectDelivery's durable path: {@link DurableDelivery#submit} stores each message in the spool
 * (synced before it returns), and the queue's workers deliver it through the client to the sink
 * and record each recipient's outcome in the spool. One queue and one client serve every run, as
 * in a long-running application, both with the library's defaults; the submitting threads call
 * {@code submit} in a loop. The time runs from the first {@code submit} until the listener has
 * heard that every message completed.
 */
final class DurableSubmitContender implements SubmitContender {

    /** After the last completion, how long the sink may take to count the last arrivals. */
    private static final Duration SINK_COUNT_LAG = Duration.ofSeconds(10);

    private final DirectDelivery client;
    private final DurableDelivery queue;
    private final CompletionTracker tracker;
    private final ReceivedCount sink;
    private final MessageSource message;
    private final Envelope envelope = Envelope.of(TestMessages.SENDER, TestMessages.RECIPIENT);
    private final Duration timeout;

    private DurableSubmitContender(
            DirectDelivery client,
            DurableDelivery queue,
            CompletionTracker tracker,
            ReceivedCount sink,
            int bodySize,
            Duration timeout) {
        this.client = client;
        this.queue = queue;
        this.tracker = tracker;
        this.sink = sink;
        this.message = MessageSource.ofBytes(TestMessages.ofBodySize(bodySize));
        this.timeout = timeout;
    }

    /**
     * Builds the client and opens the queue on {@code spoolDirectory}.
     *
     * @param clientBuilder a client aimed at the sink: DNS server, SMTP port and HELO name set
     * @param timeout how long a run may take before it fails
     * @throws IllegalStateException if another queue uses the spool directory
     */
    static DurableSubmitContender open(
            DirectDelivery.Builder clientBuilder,
            Path spoolDirectory,
            ReceivedCount sink,
            int bodySize,
            Duration timeout) {
        DirectDelivery client = clientBuilder.build();
        CompletionTracker tracker = new CompletionTracker();
        try {
            DurableDelivery queue = DurableDelivery.builder(client, spoolDirectory)
                    .listener(tracker)
                    .build();
            return new DurableSubmitContender(client, queue, tracker, sink, bodySize, timeout);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "DirectDelivery submit";
    }

    @Override
    public long run(int messages, int sessions) throws Exception {
        long sinkBefore = sink.received();
        long completedBefore = tracker.completed();
        long deliveredBefore = tracker.delivered();

        long start = System.nanoTime();
        // Each thread's sender submits; the spool has nothing to end per thread.
        SenderThreads.run(sessions, messages, () -> () -> queue.submit(envelope, message));
        tracker.awaitCompleted(completedBefore + messages, timeout);
        long elapsed = System.nanoTime() - start;

        long delivered = tracker.delivered() - deliveredBefore;
        if (delivered != messages) {
            throw new IllegalStateException(
                    messages + " messages completed, but " + delivered + " recipients were delivered");
        }
        sink.awaitReceived(sinkBefore + messages, SINK_COUNT_LAG);
        SinkChecks.requireExactly(sink, sinkBefore, messages, name());
        return elapsed;
    }

    /** Closes the queue, then the client. */
    @Override
    public void close() {
        try {
            queue.close();
        } finally {
            client.close();
        }
    }
}
