package io.github.directdelivery.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.RetrySettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainRetryTest {

    /** An attempt that wants a retry while {@code retries} is positive and records the waits it is asked for. */
    private static final class CountingAttempts {
        int calls;
        int retries;
        final List<Integer> requestedWaits = new ArrayList<>();

        CountingAttempts(int retries) {
            this.retries = retries;
        }

        DomainRetry.Attempt next() {
            calls++;
            boolean again = retries-- > 0;
            return new DomainRetry.Attempt() {
                @Override
                public boolean wantsRetry() {
                    return again;
                }

                @Override
                public long waitMillis(int number) {
                    requestedWaits.add(number);
                    return 0;
                }
            };
        }
    }

    @Test
    void retriesUpToMaxAttempts() {
        DomainRetry retry = new DomainRetry(RetrySettings.defaults().withMaxAttempts(3));
        CountingAttempts attempts = new CountingAttempts(10);

        retry.run(attempts::next);

        assertThat(attempts.calls).isEqualTo(3);
        assertThat(attempts.requestedWaits).containsExactly(1, 2);
    }

    @Test
    void stopsWhenAttemptWantsNoRetry() {
        DomainRetry retry = new DomainRetry(RetrySettings.defaults().withMaxAttempts(5));
        CountingAttempts attempts = new CountingAttempts(1);

        retry.run(attempts::next);

        assertThat(attempts.calls).isEqualTo(2);
    }

    @Test
    void sharedRetryKeepsNoStateBetweenRuns() {
        DomainRetry retry = new DomainRetry(RetrySettings.defaults().withMaxAttempts(3));
        CountingAttempts first = new CountingAttempts(10);
        CountingAttempts second = new CountingAttempts(10);

        retry.run(first::next);
        retry.run(second::next);

        assertThat(second.calls).isEqualTo(3);
        assertThat(second.requestedWaits).containsExactly(1, 2);
    }

    @Test
    void singleAttemptRunsOnce() {
        DomainRetry retry = new DomainRetry(RetrySettings.none());
        CountingAttempts attempts = new CountingAttempts(10);

        retry.run(attempts::next);

        assertThat(attempts.calls).isEqualTo(1);
        assertThat(attempts.requestedWaits).isEmpty();
    }
}
