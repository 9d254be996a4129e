package io.github.directdelivery.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupSyncTest {

    @Test
    void callersWaitingBehindASyncShareTheNextOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        GroupSync sync = new GroupSync(() -> {
            if (runs.incrementAndGet() == 1) {
                await(release);
            }
        });

        Thread first = start(sync);
        while (runs.get() == 0) {
            Thread.onSpinWait();
        }
        // These callers arrive while the first sync runs, so it cannot cover them.
        List<Thread> later = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            later.add(start(sync));
        }
        for (Thread thread : later) {
            while (thread.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
        }
        release.countDown();
        first.join(10_000);
        for (Thread thread : later) {
            thread.join(10_000);
        }

        assertThat(runs)
                .as("one sync for the first caller, one for the fifteen after it")
                .hasValue(2);
    }

    @Test
    void sequentialCallsEachRunASync() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        GroupSync sync = new GroupSync(runs::incrementAndGet);

        sync.sync();
        sync.sync();

        assertThat(runs).hasValue(2);
    }

    @Test
    void failedSyncIsRetriedByNextCall() throws IOException {
        AtomicInteger runs = new AtomicInteger();
        GroupSync sync = new GroupSync(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new IOException("disk error");
            }
        });

        assertThatThrownBy(sync::sync).isInstanceOf(IOException.class).hasMessage("disk error");
        sync.sync();

        assertThat(runs).hasValue(2);
    }

    private static Thread start(GroupSync sync) {
        Thread thread = new Thread(() -> {
            try {
                sync.sync();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the sync");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
