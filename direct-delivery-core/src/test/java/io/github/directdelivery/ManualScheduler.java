package io.github.directdelivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler with its own clock that runs tasks only when a test moves time forward, on the
 * test's thread, so code that schedules work runs deterministically and without sleeping.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private volatile Instant now;
    private long sequence;
    private boolean shutdown;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    /** Returns a clock that reads this scheduler's time, in UTC. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the manual clock is always in UTC");
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    public Instant now() {
        return now;
    }

    /** Returns when the earliest task is due, if any is scheduled. */
    public synchronized Optional<Instant> nextDue() {
        return Optional.ofNullable(tasks.peek()).map(task -> task.due);
    }

    /** Runs the tasks that are due now, including those they schedule for now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code duration}, running every task that comes due on the way, in order. */
    public void advance(Duration duration) {
        Instant target = now.plus(duration);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due.isAfter(target)) {
                    break;
                }
                tasks.poll();
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            next.run();
        }
        now = target;
    }

    /** Moves time to the earliest task and runs what is due then; returns false if nothing is scheduled. */
    public boolean runNext() {
        Optional<Instant> due = nextDue();
        if (due.isEmpty()) {
            return false;
        }
        Duration wait = Duration.between(now, due.get());
        advance(wait.isNegative() ? Duration.ZERO : wait);
        return true;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the manual scheduler runs Runnable tasks only");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the manual scheduler runs one-shot tasks only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the manual scheduler runs one-shot tasks only");
    }

    @Override
    public void execute(Runnable command) {
        var unused = schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> pending = new ArrayList<>(tasks);
        tasks.clear();
        return pending;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private synchronized Task add(Runnable command, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("the manual scheduler is shut down");
        }
        Task task = new Task(command, now.plusNanos(unit.toNanos(Math.max(0, delay))), sequence++);
        tasks.add(task);
        return task;
    }

    private synchronized void remove(Task task) {
        tasks.remove(task);
    }

    /** A one-shot task; cancelling it removes it from the queue. */
    private final class Task implements ScheduledFuture<Void>, Runnable {

        private final Runnable command;
        private final Instant due;
        private final long order;
        private boolean cancelled;
        private boolean done;

        Task(Runnable command, Instant due, long order) {
            this.command = command;
            this.due = due;
            this.order = order;
        }

        @Override
        public void run() {
            try {
                command.run();
            } finally {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(now, due));
        }

        @Override
        public int compareTo(Delayed other) {
            Task task = (Task) other;
            int byTime = due.compareTo(task.due);
            return byTime != 0 ? byTime : Long.compare(order, task.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            remove(this);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public @Nullable Void get() {
            if (!done) {
                throw new IllegalStateException("the task has not run; advance the manual scheduler first");
            }
            return null;
        }

        @Override
        public @Nullable Void get(long timeout, TimeUnit unit) {
            return get();
        }
    }
}
