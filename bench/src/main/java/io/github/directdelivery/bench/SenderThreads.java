package io.github.directdelivery.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a number of sending threads that share one message count, as {@code smtp-source -s} does:
 * each thread takes the next message until all are sent, so a slow thread does not hold back the
 * others.
 */
public final class SenderThreads {

    /** The sending side of one thread, such as one connection. */
    public interface Sender {
        /** Sends one message and returns once the server has accepted it. */
        void send() throws Exception;

        /** Ends the thread's work, for example with QUIT; called also after a failed send. */
        default void finish() throws Exception {}
    }

    /** Opens one thread's sender, on that thread. */
    @FunctionalInterface
    public interface SenderFactory {
        Sender open() throws Exception;
    }

    private SenderThreads() {}

    /**
     * Sends {@code messages} messages from {@code threads} threads, each with a sender of its own,
     * and returns when all are sent and every sender has finished.
     *
     * @throws Exception the first failure of a thread; the other threads stop after their current message
     */
    public static void run(int threads, int messages, SenderFactory factory) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(() -> {
                    try {
                        Sender sender = factory.open();
                        try {
                            while (next.getAndIncrement() < messages) {
                                sender.send();
                            }
                        } finally {
                            sender.finish();
                        }
                    } catch (Exception e) {
                        // Stop the other threads at their next message.
                        next.set(messages);
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                try {
                    thread.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
