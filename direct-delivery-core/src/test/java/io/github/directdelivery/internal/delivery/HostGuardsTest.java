package io.github.directdelivery.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.MxResolver;
import io.github.directdelivery.RetrySettings;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.TlsPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class HostGuardsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    private HostGuards guards(int failures, Duration openDuration) {
        return new HostGuards(settings(failures, openDuration));
    }

    private DeliverySettings settings(int failures, Duration openDuration) {
        try {
            return new DeliverySettings(
                    "client.example.test",
                    null,
                    null,
                    MxResolver.builder()
                            .dnsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53))
                            .build(),
                    TlsPolicy.OPPORTUNISTIC,
                    SSLContext.getDefault(),
                    SmtpTimeouts.defaults(),
                    Duration.ofMinutes(10),
                    RetrySettings.none(),
                    null,
                    1,
                    4,
                    Duration.ofSeconds(30),
                    failures,
                    openDuration,
                    0,
                    Duration.ofSeconds(1),
                    clock,
                    new SplittableRandom(1),
                    DeliveryListener.NONE,
                    true,
                    25,
                    null,
                    false);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void circuitOpensAfterTheConfiguredFailuresInARow() {
        HostGuards.Guard guard = guards(3, Duration.ofMinutes(1)).forHost("mx.example.org");

        for (int i = 0; i < 3; i++) {
            assertThat(guard.breaker.tryAcquirePermission()).isTrue();
            guard.breaker.onError(0, TimeUnit.MILLISECONDS, new IOException("refused"));
        }

        assertThat(guard.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(guard.breaker.tryAcquirePermission()).isFalse();
    }

    @Test
    void openCircuitLetsOneTryThroughAfterItsOpenDuration() {
        HostGuards.Guard guard = guards(1, Duration.ofMinutes(1)).forHost("mx.example.org");
        guard.breaker.tryAcquirePermission();
        guard.breaker.onError(0, TimeUnit.MILLISECONDS, new IOException("refused"));

        clock.advance(Duration.ofSeconds(61));

        assertThat(guard.breaker.tryAcquirePermission()).isTrue();
        assertThat(guard.breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void idleHostStateIsEvicted() {
        HostGuards guards = guards(5, Duration.ofMinutes(1));
        guards.forHost("mx1.example.org");
        guards.forHost("mx2.example.org");

        clock.advance(Duration.ofMinutes(11));
        guards.forHost("mx3.example.org");

        assertThat(guards.size()).isEqualTo(1);
    }

    @Test
    void hostWithAnOpenCircuitIsNotEvicted() {
        HostGuards guards = guards(1, Duration.ofHours(1));
        HostGuards.Guard failing = guards.forHost("mx1.example.org");
        failing.breaker.tryAcquirePermission();
        failing.breaker.onError(0, TimeUnit.MILLISECONDS, new IOException("refused"));

        clock.advance(Duration.ofMinutes(11));
        guards.forHost("mx2.example.org");

        assertThat(guards.size()).isEqualTo(2);
    }
}
