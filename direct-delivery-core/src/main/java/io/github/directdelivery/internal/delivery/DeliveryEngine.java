package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.InvalidMessageException;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.MxResolver;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.RetrySettings;
import io.github.directdelivery.internal.address.Mailbox;
import io.github.directdelivery.internal.message.MessageContent;
import io.github.directdelivery.internal.message.MessageFacts;
import io.github.directdelivery.internal.prepare.MessagePreparer;
import io.github.directdelivery.internal.smtp.WriteWatchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The path of a message: prepare it, split the recipients by domain, deliver the domains
 * concurrently, hand unreachable recipients to the fallback relay, and report in envelope order.
 */
public final class DeliveryEngine implements AutoCloseable {

    private final DeliverySettings settings;
    private final EngineParts parts;
    private final MessagePreparer preparer;
    private final Executor executor;
    private final @Nullable ExecutorService ownedExecutor;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();

    public DeliveryEngine(DeliverySettings settings) {
        this.settings = settings;
        this.scheduler = WriteWatchdog.newScheduler(daemonThreads("direct-delivery-timer"));
        this.parts = new EngineParts(settings, scheduler);
        this.preparer = new MessagePreparer(settings.clock(), settings.random(), settings.heloName());
        Executor configured = settings.executor();
        if (configured != null) {
            this.executor = configured;
            this.ownedExecutor = null;
        } else {
            ExecutorService own = Executors.newCachedThreadPool(daemonThreads("direct-delivery"));
            this.executor = own;
            this.ownedExecutor = own;
        }
        long idleMillis = settings.idleConnectionTimeout().toMillis();
        var unused = scheduler.scheduleWithFixedDelay(
                parts.pool()::evictExpired, idleMillis, idleMillis, TimeUnit.MILLISECONDS);
    }

    public MxResolver resolver() {
        return settings.resolver();
    }

    /** Delivers a message; see {@code DirectDelivery#send}. */
    public DeliveryReport deliver(Envelope envelope, MessageSource message) {
        return deliver(envelope, message, settings.retry(), TransactionObserver.NONE);
    }

    /**
     * Makes one delivery attempt per domain, without the in-process retry, for a queue that retries
     * on its own schedule. The observer receives each transaction's decided recipients as they
     * come. Throws what {@link #deliver(Envelope, MessageSource)} throws.
     */
    public DeliveryReport deliverOnce(Envelope envelope, MessageSource message, TransactionObserver observer) {
        return deliver(envelope, message, RetrySettings.none(), observer);
    }

    /**
     * Hands a message for every recipient to the fallback relay, skipping direct delivery, for an
     * application that must go offline with mail still queued. Recipients the relay did not decide
     * are DEFERRED.
     *
     * @throws IllegalStateException if no fallback relay is configured or the client is closed
     */
    public DeliveryReport relayOnly(Envelope envelope, MessageSource message, TransactionObserver observer) {
        if (parts.relaySettings() == null) {
            throw new IllegalStateException("No fallback relay is configured");
        }
        Delivery delivery = start(envelope, message, RetrySettings.none(), observer);
        List<String> all = new ArrayList<>();
        delivery.recipients.byDomain().values().forEach(all::addAll);
        Map<String, RecipientResult> results = new LinkedHashMap<>();
        results.putAll(new RelayDelivery(delivery.transfer, parts).run(all, Map.of()));
        for (String recipient : all) {
            results.computeIfAbsent(
                    recipient,
                    missing -> Outcomes.local(
                            missing,
                            DeliveryStatus.DEFERRED,
                            null,
                            "The fallback relay did not take the message",
                            null,
                            null,
                            1,
                            delivery.transfer.now()));
        }
        return report(envelope, delivery, results);
    }

    /**
     * Checks an envelope and a message as {@link #deliver(Envelope, MessageSource)} does before it
     * connects, and returns the message prepared for sending (Bcc removed, Message-ID and Date
     * added when missing), for a queue to store.
     *
     * @throws IllegalArgumentException if an address is malformed
     * @throws InvalidMessageException if the message is empty or cannot be sent as it is
     * @throws UncheckedIOException if the message cannot be read
     */
    public MessageContent prepareForQueue(Envelope envelope, MessageSource message) {
        sender(envelope);
        Recipients.of(envelope.recipients());
        return prepare(message);
    }

    /** Returns the name this client sends in EHLO. */
    public String heloName() {
        return settings.heloName();
    }

    /** Returns whether a fallback relay is configured. */
    public boolean hasFallbackRelay() {
        return parts.relaySettings() != null;
    }

    private DeliveryReport deliver(
            Envelope envelope, MessageSource message, RetrySettings retry, TransactionObserver observer) {
        Delivery delivery = start(envelope, message, retry, observer);
        List<DomainDelivery> deliveries = new ArrayList<>();
        delivery.recipients
                .byDomain()
                .forEach((domain, group) -> deliveries.add(
                        new DomainDelivery(delivery.transfer, domain, delivery.recipients.literal(domain), group)));
        Map<String, RecipientResult> results = runConcurrently(deliveries);
        relayUnreachable(delivery.transfer, deliveries, results);
        return report(envelope, delivery, results);
    }

    /** A message checked, prepared and ready for its domains. */
    private record Delivery(Instant started, Recipients recipients, Transfer transfer) {}

    private Delivery start(
            Envelope envelope, MessageSource message, RetrySettings retry, TransactionObserver observer) {
        if (closed.get()) {
            throw new IllegalStateException("The client is closed");
        }
        Instant started = settings.clock().instant();
        String sender = sender(envelope);
        Recipients recipients = Recipients.of(envelope.recipients());
        MessageContent content = prepare(message);
        DsnOptions dsn = envelope.dsn() != null ? envelope.dsn() : DsnOptions.none();
        Transfer transfer = new Transfer(
                parts, sender, dsn, content, started.plus(settings.sendTimeout()), retry, recipients, observer);
        return new Delivery(started, recipients, transfer);
    }

    private static String sender(Envelope envelope) {
        return envelope.hasNullReversePath()
                ? ""
                : Mailbox.parse(envelope.reversePath()).toString();
    }

    private DeliveryReport report(Envelope envelope, Delivery delivery, Map<String, RecipientResult> results) {
        List<RecipientResult> ordered = new ArrayList<>();
        for (String given : envelope.recipients()) {
            RecipientResult result = Objects.requireNonNull(
                    results.get(delivery.recipients.smtpForm(given)), () -> "no result for " + given);
            RecipientResult asGiven = Outcomes.withRecipient(result, given);
            parts.listener().recipientCompleted(asGiven);
            ordered.add(asGiven);
        }
        return new DeliveryReport(
                ordered, delivery.started, settings.clock().instant(), delivery.transfer.transcript());
    }

    /** Delivers a message on the executor; see {@code DirectDelivery#sendAsync}. */
    public CompletableFuture<DeliveryReport> deliverAsync(Envelope envelope, MessageSource message) {
        return CompletableFuture.supplyAsync(() -> deliver(envelope, message), executor);
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            parts.pool().close();
            scheduler.shutdownNow();
            if (ownedExecutor != null) {
                ownedExecutor.shutdown();
            }
        }
    }

    private MessageContent prepare(MessageSource message) {
        MessageContent content;
        try {
            MessageSource prepared = preparer.prepare(message);
            content = MessageContent.scan(prepared);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the message: " + e.getMessage(), e);
        }
        MessageFacts facts = content.facts();
        if (facts.hasOverlongLine()) {
            // RFC 5321 §4.5.3.1.6: a line is at most 998 octets without its CRLF.
            throw new InvalidMessageException("The message has a line of " + facts.longestLine()
                    + " octets, but SMTP allows at most " + MessageFacts.MAX_LINE_LENGTH
                    + "; encode the body (for example as quoted-printable) before sending");
        }
        return content;
    }

    // The calling thread delivers too, taking domains no helper has started, so a busy or small
    // executor delays delivery but never deadlocks it.
    private Map<String, RecipientResult> runConcurrently(List<DomainDelivery> deliveries) {
        if (deliveries.size() == 1) {
            return deliveries.get(0).run();
        }
        List<DomainTask> tasks = deliveries.stream().map(DomainTask::new).toList();
        Queue<DomainTask> queue = new ConcurrentLinkedQueue<>(tasks);
        Runnable worker = () -> {
            DomainTask next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
        };
        int helpers = Math.min(settings.maxConcurrentDomains(), deliveries.size()) - 1;
        for (int i = 0; i < helpers; i++) {
            executor.execute(worker);
        }
        worker.run();

        Map<String, RecipientResult> results = new LinkedHashMap<>();
        for (DomainTask task : tasks) {
            try {
                results.putAll(task.result.join());
            } catch (CompletionException e) {
                // Rethrow what the domain's delivery threw, as send would on the calling thread.
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
        return results;
    }

    /** A domain's delivery and the future its result arrives in, on whichever thread runs it. */
    private record DomainTask(DomainDelivery delivery, CompletableFuture<Map<String, RecipientResult>> result) {
        DomainTask(DomainDelivery delivery) {
            this(delivery, new CompletableFuture<>());
        }

        void run() {
            try {
                result.complete(delivery.run());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }
    }

    private void relayUnreachable(
            Transfer transfer, List<DomainDelivery> deliveries, Map<String, RecipientResult> results) {
        if (parts.relaySettings() == null) {
            return;
        }
        List<String> unreachable = new ArrayList<>();
        for (DomainDelivery delivery : deliveries) {
            Set<String> recipients = delivery.unreachable();
            unreachable.addAll(recipients);
        }
        if (!unreachable.isEmpty()) {
            results.putAll(new RelayDelivery(transfer, parts).run(unreachable, results));
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
