package io.github.directdelivery.internal.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each message's attempts when they are due, at most {@code concurrency} at a time. Due
 * times come from the injected clock, and the only timer is one task on the injected scheduler,
 * so a test that controls both runs the queue deterministically.
 *
 * <p>A message is either waiting here or running, never both: the attempt reschedules it when it
 * is not finished.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** A message waiting for its time; the sequence keeps submission order among equal times. */
    private record Entry(Instant due, long sequence, QueuedMessage message) {}

    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final Clock clock;
    private final int concurrency;
    private final Consumer<QueuedMessage> attempt;

    private final PriorityQueue<Entry> waiting =
            new PriorityQueue<>(Comparator.comparing(Entry::due).thenComparingLong(Entry::sequence));
    private long sequence;
    private int running;
    private boolean stopped;
    private boolean dispatching;
    private boolean dispatchAgain;
    private @Nullable ScheduledFuture<?> wakeup;
    private @Nullable Instant wakeupAt;

    Dispatcher(
            ScheduledExecutorService scheduler,
            Executor workers,
            Clock clock,
            int concurrency,
            Consumer<QueuedMessage> attempt) {
        this.scheduler = scheduler;
        this.workers = workers;
        this.clock = clock;
        this.concurrency = concurrency;
        this.attempt = attempt;
    }

    /**
     * Schedules the next attempt of a message. It starts on a worker, never on the calling thread,
     * once {@code due} has come and a worker is free.
     */
    synchronized void schedule(QueuedMessage message, Instant due) {
        if (stopped) {
            return;
        }
        waiting.add(new Entry(due, sequence++, message));
        armWakeup();
    }

    /** Returns the number of attempts running. */
    synchronized int running() {
        return running;
    }

    /** Starts no more attempts; those running go on. */
    synchronized void stop() {
        stopped = true;
        waiting.clear();
        cancelWakeup();
    }

    /**
     * Waits until no attempt is running, up to {@code timeout} of real time.
     *
     * @return whether none is running
     */
    synchronized boolean awaitNoneRunning(Duration timeout) throws InterruptedException {
        return awaitUntil(timeout, () -> running == 0);
    }

    /**
     * Waits until no attempt is running and none is due by the injected clock, up to {@code
     * timeout} of real time. Messages waiting for a later attempt do not count.
     *
     * @return whether that state was reached in time
     */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        return awaitUntil(
                timeout,
                () -> running == 0 && (waiting.isEmpty() || waiting.peek().due().isAfter(clock.instant())));
    }

    // Called with this object's lock held. Every change of running notifies the waiting threads.
    private boolean awaitUntil(Duration timeout, BooleanSupplier idle) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!idle.getAsBoolean()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }

    // Starts every due message a worker is free for. Attempts that finish call this again; with a
    // worker executor that runs tasks inline, that call only marks a second round for this loop.
    private void dispatch() {
        synchronized (this) {
            if (dispatching) {
                dispatchAgain = true;
                return;
            }
            dispatching = true;
        }
        while (true) {
            List<QueuedMessage> batch = new ArrayList<>();
            synchronized (this) {
                Instant now = clock.instant();
                while (!stopped
                        && running < concurrency
                        && !waiting.isEmpty()
                        && !waiting.peek().due().isAfter(now)) {
                    batch.add(waiting.poll().message());
                    running++;
                }
                if (batch.isEmpty()) {
                    if (dispatchAgain) {
                        dispatchAgain = false;
                        continue;
                    }
                    dispatching = false;
                    armWakeup();
                    return;
                }
            }
            batch.forEach(this::start);
        }
    }

    private void start(QueuedMessage message) {
        message.inFlight(true);
        try {
            workers.execute(() -> run(message));
        } catch (RejectedExecutionException e) {
            message.inFlight(false);
            log.warn("The queue's workers rejected the message {}; it stays in the spool", message.id(), e);
            finished();
        }
    }

    private void run(QueuedMessage message) {
        try {
            attempt.accept(message);
        } finally {
            message.inFlight(false);
            finished();
        }
    }

    private void finished() {
        synchronized (this) {
            running--;
            notifyAll();
        }
        dispatch();
    }

    // Keeps one timer task, at the earliest due time, while a worker is free to take it.
    private void armWakeup() {
        Entry next = waiting.peek();
        if (stopped || next == null || running >= concurrency) {
            return;
        }
        if (wakeupAt != null && !wakeupAt.isAfter(next.due())) {
            return;
        }
        cancelWakeup();
        // Rounded up, so the timer never fires before the message is due.
        long delay = Math.max(
                0,
                Duration.between(clock.instant(), next.due()).plusNanos(999_999).toMillis());
        wakeupAt = next.due();
        try {
            wakeup = scheduler.schedule(this::onWakeup, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            wakeupAt = null;
            log.warn("The queue's scheduler rejected a task; queued messages wait for the next start", e);
        }
    }

    private void onWakeup() {
        synchronized (this) {
            wakeup = null;
            wakeupAt = null;
        }
        dispatch();
    }

    private void cancelWakeup() {
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        wakeup = null;
        wakeupAt = null;
    }
}
