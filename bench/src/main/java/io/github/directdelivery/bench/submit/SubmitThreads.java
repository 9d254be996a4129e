package io.github.directdelivery.bench.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits a number of messages from several threads that share the count, as the sessions of
 * {@code smtp-source -s} do: each thread takes the next message until all are taken.
 */
final class SubmitThreads {

    /** Submits one message. */
    @FunctionalInterface
    interface Submitter {
        void submit() throws Exception;
    }

    private SubmitThreads() {}

    /**
     * Calls {@code submitter} {@code messages} times from {@code threads} threads and returns when
     * every call has returned.
     *
     * @throws Exception the first failure of a thread; the other threads stop after their current message
     */
    static void run(int threads, int messages, Submitter submitter) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(() -> {
                    try {
                        while (next.getAndIncrement() < messages) {
                            submitter.submit();
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
