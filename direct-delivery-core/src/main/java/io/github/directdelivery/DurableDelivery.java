package io.github.directdelivery;

import io.github.directdelivery.internal.delivery.DeliveryEngine;
import io.github.directdelivery.internal.queue.DeliveryQueue;
import io.github.directdelivery.internal.queue.DirectorySpool;
import io.github.directdelivery.internal.queue.NioSpoolFiles;
import io.github.directdelivery.internal.queue.QueueSettings;
import io.github.directdelivery.internal.queue.SpoolFiles;
import io.github.directdelivery.internal.queue.SpoolLockedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Fire-and-forget delivery that survives crashes: {@link #submit} stores a message in a spool
 * directory and returns its queue id at once, and background workers deliver it through a
 * {@link DirectDelivery} client, retry deferred recipients for days, and send the sender a delivery
 * status notification (RFC 3464) for recipients that fail or expire.
 *
 * <pre>{@code
 * DirectDelivery client = DirectDelivery.builder()
 *         .heloName("mail.example.com")
 *         .build();
 * DurableDelivery queue = DurableDelivery.builder(client, Path.of("/var/spool/example-mail"))
 *         .build();
 * QueueId id = queue.submit(
 *         Envelope.of("sender@example.com", "alice@example.org"),
 *         MessageSource.ofPath(Path.of("message.eml")));
 * // ... a batch job that exits now waits for the deliveries that are due:
 * queue.awaitIdle(Duration.ofMinutes(2));
 * // ... at shutdown:
 * queue.close();
 * client.close();
 * }</pre>
 *
 * <p><b>Durability.</b> When {@code submit} returns, the message is on disk: it was written to a
 * temporary file, synced, renamed into the spool, and the spool directory was synced. Every change
 * of a recipient's state is synced to the message's spool file before anything relies on it. A new
 * {@code DurableDelivery} on the same directory, after a crash of the process or the machine,
 * resumes every unfinished message.
 *
 * <p><b>At least once.</b> A recipient whose delivery was recorded is never sent the message again.
 * A transaction is repeated in two cases: a crash (or a shutdown timeout) between the end of its
 * data and the recording of the server's reply, and a connection lost after the data but before
 * the reply. The outcome is unknown then, and the queue sends again rather than risk losing the
 * message.
 *
 * <p><b>Retries.</b> Each attempt goes through the client's usual path (MX lookup, every host,
 * fallback relay for unreachable destinations) once, without the client's in-process retry.
 * Deferred recipients, including those that got a 4xx reply such as greylisting, wait for the
 * next attempt of the {@link RetrySchedule}; those still deferred after its maximum lifetime
 * expire. A failure notice goes from the null reverse-path to the message's reverse-path, queued
 * and retried like any message; a message sent with the null reverse-path is never reported on. The
 * envelope's {@link DsnOptions#notifyOn()} is honoured: without it, failures are reported, and so
 * are delays when a {@linkplain Builder#delayNoticeAfter delay notice} is configured.
 *
 * <p><b>Damaged files.</b> A spool file that is truncated, corrupted or contains a message that cannot
 * be sent is moved to the spool's {@code quarantine} directory with an error in the log and a
 * {@link QueueListener#quarantined} event; the other messages are not affected.
 *
 * <p>One directory can be used by one {@code DurableDelivery} at a time: a second one, in this or
 * another process, fails to build. The class is thread-safe. It does not close the client it
 * delivers through: close this first, then the client. A queue whose client was closed first
 * rejects new messages, and its workers leave the queued ones in the spool, with one warning in
 * the log and a {@link QueueListener#parked} event each, for the next start to deliver.
 */
public final class DurableDelivery implements AutoCloseable {

    private final DeliveryQueue queue;
    private final Path spoolDirectory;
    private final List<ExecutorService> ownedExecutors;

    private DurableDelivery(DeliveryQueue queue, Path spoolDirectory, List<ExecutorService> ownedExecutors) {
        this.queue = queue;
        this.spoolDirectory = spoolDirectory;
        this.ownedExecutors = ownedExecutors;
    }

    /**
     * Returns a builder for a queue that keeps its messages in {@code spoolDirectory} (created if
     * missing) and delivers them through {@code client}, with the defaults described on each setter.
     */
    public static Builder builder(DirectDelivery client, Path spoolDirectory) {
        return new Builder(client, spoolDirectory);
    }

    /**
     * Stores a message for delivery to every recipient of the envelope and returns at once. The
     * envelope and the message are checked as {@link DirectDelivery#send} checks them; the message
     * is prepared the same way (Bcc removed, Message-ID and Date added when missing) before it is
     * stored, so every attempt sends the same bytes.
     *
     * @return the message's id in this queue, also passed to {@link QueueListener} events
     * @throws IllegalArgumentException if an address is malformed
     * @throws InvalidMessageException if the message is empty or cannot be sent as it is
     * @throws UncheckedIOException if the message source cannot be read, or the spool cannot store
     *     the message (such as a full disk); nothing was queued then
     * @throws IllegalStateException if this queue or its client is closed
     */
    public QueueId submit(Envelope envelope, MessageSource message) {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(message, "message");
        return queue.submit(envelope, message);
    }

    /**
     * Waits until the queue is idle: no message is due for an attempt and no attempt is running.
     * Messages whose recipients are deferred and wait for a later attempt of the {@link
     * RetrySchedule} do not count, so a batch job can call this before it exits and leave only
     * those in the spool, for the next process on the directory to deliver. Notifications that an
     * attempt queues count like any message. Whether a message is due is judged by the
     * {@linkplain Builder#clock clock}; the timeout is measured in real time.
     *
     * <p>The queue only delivers while its process runs: a program that submits and exits without
     * waiting leaves its messages in the spool until the next {@code DurableDelivery} on the same
     * directory starts. On a closed queue this returns once no attempt is running.
     *
     * @param timeout the longest time to wait; zero only checks
     * @return whether the queue became idle within {@code timeout}
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, not " + timeout);
        }
        return queue.awaitIdle(timeout);
    }

    /** Returns the number of queued messages and recipients and the oldest message's age. */
    public QueueStats stats() {
        return queue.stats();
    }

    /**
     * Shuts the queue down: no new messages are accepted and no new attempts start; attempts that
     * are running get the {@linkplain Builder#shutdownTimeout shutdown timeout} to finish. With
     * {@link Builder#relayPendingOnClose}, the recipients still pending are then handed to the
     * client's fallback relay. Attempts still running after the timeout are parked: their messages
     * stay in the spool, and the next run sends them again to recipients without a recorded outcome.
     * Then the spool directory is released. Idempotent.
     */
    @Override
    public void close() {
        queue.close();
        ownedExecutors.forEach(ExecutorService::shutdownNow);
    }

    /** Returns the spool directory, as it was passed to {@link #builder}. */
    public Path spoolDirectory() {
        return spoolDirectory;
    }

    /** Returns whether {@link #close()} was called, after which {@code submit} throws. */
    public boolean isClosed() {
        return queue.isClosed();
    }

    /** Builds a {@link DurableDelivery}; each setter rejects a bad value at once. */
    public static final class Builder {

        private final DirectDelivery client;
        private final Path spoolDirectory;
        private RetrySchedule retrySchedule = RetrySchedule.defaults();
        private @Nullable Duration delayNoticeAfter;
        private int concurrency = 8;
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private boolean relayPendingOnClose;
        private QueueListener listener = QueueListener.NONE;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SplittableRandom();
        private @Nullable ScheduledExecutorService scheduler;
        private @Nullable Executor executor;
        private SpoolFiles files = new NioSpoolFiles();

        private Builder(DirectDelivery client, Path spoolDirectory) {
            this.client = Objects.requireNonNull(client, "client");
            this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        }

        /** Sets when deferred recipients are tried again and when they expire. Default: {@link RetrySchedule#defaults()}. */
        public Builder retrySchedule(RetrySchedule schedule) {
            this.retrySchedule = Objects.requireNonNull(schedule, "retrySchedule");
            return this;
        }

        /**
         * Sets how long after submission a message with recipients still deferred causes one delay
         * notice to its sender (RFC 3464 action {@code delayed}). Default: no delay notices.
         */
        public Builder delayNoticeAfter(Duration delay) {
            Objects.requireNonNull(delay, "delayNoticeAfter");
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("delayNoticeAfter must be positive, not " + delay);
            }
            this.delayNoticeAfter = delay;
            return this;
        }

        /** Sets how many messages are delivered at the same time. Default: 8. */
        public Builder concurrency(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, not " + messages);
            }
            this.concurrency = messages;
            return this;
        }

        /** Sets how long {@link #close()} waits for running deliveries. Default: 30 seconds. */
        public Builder shutdownTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "shutdownTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must not be negative, not " + timeout);
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * Sets whether {@link DurableDelivery#close()} hands every pending recipient to the client's
         * fallback relay, for an application that must go offline with mail still queued. Recipients
         * the relay does not take stay in the spool. Default: false.
         */
        public Builder relayPendingOnClose(boolean relay) {
            this.relayPendingOnClose = relay;
            return this;
        }

        /** Sets the listener for queue events. Default: none. */
        public Builder listener(QueueListener queueListener) {
            this.listener = Objects.requireNonNull(queueListener, "listener");
            return this;
        }

        /** Sets the clock for submission times and the retry schedule. Default: the system clock in UTC. */
        public Builder clock(Clock queueClock) {
            this.clock = Objects.requireNonNull(queueClock, "clock");
            return this;
        }

        /** Sets the random source of the retry jitter; seed it in tests. */
        public Builder random(RandomGenerator generator) {
            this.random = Objects.requireNonNull(generator, "random");
            return this;
        }

        /**
         * Sets the scheduler whose timer starts deliveries when they are due. It is not shut down by
         * {@link DurableDelivery#close()}. Default: a thread the queue creates and stops.
         */
        public Builder scheduler(ScheduledExecutorService timer) {
            this.scheduler = Objects.requireNonNull(timer, "scheduler");
            return this;
        }

        /**
         * Sets the executor that runs deliveries; at most {@link #concurrency} run at the same time.
         * It is not shut down by {@link DurableDelivery#close()}. Default: threads the queue creates
         * and stops.
         */
        public Builder executor(Executor workers) {
            this.executor = Objects.requireNonNull(workers, "executor");
            return this;
        }

        /** Replaces the file system under the spool, for tests that simulate a power loss. */
        Builder files(SpoolFiles spoolFiles) {
            this.files = Objects.requireNonNull(spoolFiles, "files");
            return this;
        }

        /**
         * Opens the spool, resumes the messages it contains, and starts delivering.
         *
         * @throws SpoolInUseException if another {@code DurableDelivery}, in this or another
         *     process, uses the spool directory
         * @throws IllegalStateException if {@code relayPendingOnClose} is set but the client has no
         *     fallback relay
         * @throws UncheckedIOException if the spool directory cannot be created, read or written,
         *     such as a path that exists and is not a directory; the message states the cause
         */
        public DurableDelivery build() {
            DeliveryEngine engine = client.engine();
            if (relayPendingOnClose && !engine.hasFallbackRelay()) {
                throw new IllegalStateException(
                        "relayPendingOnClose needs a client built with a fallbackRelay, and this one has none");
            }
            DirectorySpool spool = openSpool();

            List<ExecutorService> owned = new ArrayList<>();
            ScheduledExecutorService timer = scheduler;
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("direct-delivery-queue-timer"));
                owned.add(timer);
            }
            Executor workers = executor;
            if (workers == null) {
                ExecutorService pool =
                        Executors.newFixedThreadPool(concurrency, daemonThreads("direct-delivery-queue"));
                owned.add(pool);
                workers = pool;
            }

            QueueSettings settings = new QueueSettings(
                    retrySchedule,
                    delayNoticeAfter,
                    concurrency,
                    shutdownTimeout,
                    relayPendingOnClose,
                    clock,
                    random,
                    listener,
                    timer,
                    workers);
            DeliveryQueue queue = new DeliveryQueue(engine, spool, settings);

            try {
                queue.start();
            } catch (IOException | RuntimeException e) {
                queue.close();
                owned.forEach(ExecutorService::shutdownNow);
                if (e instanceof IOException io) {
                    throw new UncheckedIOException(
                            "Cannot read the spool directory " + spoolDirectory + ": " + io.getMessage(), io);
                }
                throw (RuntimeException) e;
            }
            return new DurableDelivery(queue, spoolDirectory, owned);
        }

        private DirectorySpool openSpool() {
            try {
                return DirectorySpool.open(spoolDirectory, files);
            } catch (SpoolLockedException e) {
                throw new SpoolInUseException(spoolDirectory, String.valueOf(e.getMessage()), e);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot open the spool directory " + spoolDirectory + ": " + reason(e), e);
            }
        }

        // The JDK's file exceptions carry only the path as their message, which names no cause.
        private static String reason(IOException e) {
            if (e instanceof FileAlreadyExistsException exists) {
                return exists.getFile() + " exists and is not a directory";
            }
            if (e instanceof AccessDeniedException denied) {
                return "permission denied for " + denied.getFile()
                        + "; the process needs to create and write files in the directory";
            }
            if (e instanceof NoSuchFileException missing) {
                return missing.getFile() + " does not exist";
            }
            if (e instanceof FileSystemException other && other.getReason() != null) {
                return other.getFile() + ": " + other.getReason();
            }
            return e.toString();
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
}
