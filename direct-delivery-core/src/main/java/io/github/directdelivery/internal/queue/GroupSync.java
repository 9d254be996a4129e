package io.github.directdelivery.internal.queue;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Shares one expensive sync among the threads that need it at about the same time (group commit).
 * A thread that calls {@link #sync()} returns once a sync that started after its call has
 * finished: either one it ran itself, or one another thread started later and ran for everybody
 * waiting.
 */
final class GroupSync {

    /** The operation to share, such as syncing a directory. */
    @FunctionalInterface
    interface Action {
        void run() throws IOException;
    }

    private final Action action;
    private long requested;
    private long completed;
    private boolean running;

    GroupSync(Action action) {
        this.action = action;
    }

    /**
     * Returns once a sync that started after this call has succeeded.
     *
     * @throws IOException if the sync this thread ran failed
     */
    void sync() throws IOException {
        long ticket;
        synchronized (this) {
            ticket = ++requested;
        }
        while (true) {
            long covered;
            synchronized (this) {
                while (running && completed < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("Interrupted while waiting for a directory sync");
                    }
                }
                if (completed >= ticket) {
                    return;
                }
                running = true;
                covered = requested;
            }
            boolean succeeded = false;
            try {
                action.run();
                succeeded = true;
            } finally {
                synchronized (this) {
                    running = false;
                    if (succeeded) {
                        completed = Math.max(completed, covered);
                    }
                    notifyAll();
                }
            }
        }
    }
}
