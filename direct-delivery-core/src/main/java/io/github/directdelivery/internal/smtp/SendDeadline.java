package io.github.directdelivery.internal.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The instant by which a synchronous send must have written the end of its data. Until then every
 * step of a session (connect, each reply, each write, the TLS handshake) is bounded by the smaller
 * of its own timeout and the time left. The final reply after the end of the data is never bounded
 * by it: a transaction whose data was sent is always waited for up to its own timeout.
 */
public final class SendDeadline {

    private static final SendDeadline NONE = new SendDeadline(null, Duration.ZERO, Clock.systemUTC());

    private final @Nullable Instant at;
    private final Duration sendTimeout;
    private final Clock clock;

    private SendDeadline(@Nullable Instant at, Duration sendTimeout, Clock clock) {
        this.at = at;
        this.sendTimeout = sendTimeout;
        this.clock = clock;
    }

    /** Returns the absence of a deadline: each step has only its own timeout. */
    public static SendDeadline none() {
        return NONE;
    }

    /**
     * Returns the deadline at {@code at}, measured on {@code clock}.
     *
     * @param sendTimeout the configured time for the whole send, named in the failure message
     */
    public static SendDeadline at(Instant at, Duration sendTimeout, Clock clock) {
        return new SendDeadline(
                Objects.requireNonNull(at, "at"),
                Objects.requireNonNull(sendTimeout, "sendTimeout"),
                Objects.requireNonNull(clock, "clock"));
    }

    /** Returns the smaller of {@code timeout} and the time left, or zero once the deadline has passed. */
    Duration limit(Duration timeout) {
        if (at == null) {
            return timeout;
        }
        Duration left = Duration.between(clock.instant(), at);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(timeout) < 0 ? left : timeout;
    }

    /** Returns the exception for a step that the deadline cut short, such as "waiting for the greeting". */
    SendDeadlineException passed(String step, @Nullable Throwable cause) {
        SendDeadlineException e =
                new SendDeadlineException("the send deadline of " + sendTimeout + " passed while " + step);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    @Override
    public String toString() {
        return at == null ? "no send deadline" : "send deadline " + at;
    }
}
