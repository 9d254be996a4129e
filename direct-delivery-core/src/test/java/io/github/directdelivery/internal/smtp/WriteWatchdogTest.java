package io.github.directdelivery.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteWatchdogTest {

    private final ScheduledThreadPoolExecutor scheduler = WriteWatchdog.newScheduler(Thread::new);
    private final WriteWatchdog watchdog = new WriteWatchdog(scheduler);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void closedGuardsLeaveNothingQueued() {
        for (int i = 0; i < 1000; i++) {
            watchdog.start(() -> {}, Duration.ofMinutes(3)).close();
        }

        assertThat(scheduler.getQueue()).isEmpty();
    }

    @Test
    void closedGuardDoesNotFire() throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        WriteWatchdog.Guard guard = watchdog.start(closed::countDown, Duration.ofMillis(50));
        guard.close();

        assertThat(closed.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(guard.fired()).isFalse();
    }

    @Test
    void expiredGuardClosesTarget() throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Closeable target = closed::countDown;
        WriteWatchdog.Guard guard = watchdog.start(target, Duration.ofMillis(10));

        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(guard.fired()).isTrue();
        guard.close();
    }
}
