package io.github.directdelivery.jakarta.internal.settings;

import static io.github.directdelivery.jakarta.internal.settings.MxProperty.*;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.RetrySchedule;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mail.mx.spool.*} properties of submit mode, checked and ready to configure a
 * {@link DurableDelivery}.
 *
 * @param directory the spool directory as configured, possibly relative
 * @param retrySchedule when deferred recipients are tried again and when they expire
 * @param delayNotice how long after submission a delay notice is sent, or null for none
 * @param concurrency how many messages are delivered at the same time
 * @param shutdownTimeout how long closing the spool waits for running deliveries
 * @param relayPendingOnClose whether closing the spool hands pending recipients to the fallback relay
 */
public record SpoolSettings(
        Path directory,
        RetrySchedule retrySchedule,
        @Nullable Duration delayNotice,
        int concurrency,
        Duration shutdownTimeout,
        boolean relayPendingOnClose) {

    private static final int DEFAULT_CONCURRENCY = 8;
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Builds a queue with these settings over {@code realDirectory}, the real path of
     * {@link #directory()}, delivering through {@code client}.
     *
     * @throws IllegalStateException if another queue, in this or another process, uses the directory
     * @throws java.io.UncheckedIOException if the directory cannot be created or read
     */
    public DurableDelivery open(DirectDelivery client, Path realDirectory) {
        DurableDelivery.Builder builder = DurableDelivery.builder(client, realDirectory)
                .retrySchedule(retrySchedule)
                .concurrency(concurrency)
                .shutdownTimeout(shutdownTimeout)
                .relayPendingOnClose(relayPendingOnClose);
        if (delayNotice != null) {
            builder.delayNoticeAfter(delayNotice);
        }
        return builder.build();
    }

    /**
     * Reads the spool properties. In send mode none may be set; in submit mode the directory must
     * be. Problems are recorded in {@code in}, and null is returned for send mode, for an invalid
     * mode (null) or when a problem was found.
     */
    static @Nullable SpoolSettings read(PropertyReader in, @Nullable TransportMode mode, boolean hasRelay) {
        if (mode == null) {
            // The mode is invalid, a problem already recorded; the spool settings would only add noise.
            return null;
        }
        if (mode == TransportMode.SEND) {
            rejectInSendMode(in);
            return null;
        }
        Path directory = in.read(SPOOL_DIRECTORY, Values::path);
        RetrySchedule schedule = retrySchedule(in);
        Duration delayNotice = in.read(SPOOL_DELAY_NOTICE, Values::duration);
        Integer concurrency = in.read(SPOOL_CONCURRENCY, Values.wholeNumber(1, Integer.MAX_VALUE));
        Duration shutdownTimeout = in.read(SPOOL_SHUTDOWN_TIMEOUT, Values::duration);
        Boolean relayPending = in.read(SPOOL_RELAY_PENDING_ON_CLOSE, Values::bool);

        if (!in.isSet(SPOOL_DIRECTORY)) {
            in.problem(MODE.key() + " is submit, but " + SPOOL_DIRECTORY.key()
                    + " is not set; set it to the directory where submitted messages are stored.");
        }
        boolean relay = relayPending != null && relayPending;
        if (relay && !hasRelay) {
            in.problem(SPOOL_RELAY_PENDING_ON_CLOSE.key() + " is true, but " + RELAY_HOST.key()
                    + " is not set; set the fallback relay that takes pending mail at shutdown.");
        }
        if (directory == null || schedule == null) {
            return null;
        }
        return new SpoolSettings(
                directory,
                schedule,
                delayNotice,
                concurrency != null ? concurrency : DEFAULT_CONCURRENCY,
                shutdownTimeout != null ? shutdownTimeout : DEFAULT_SHUTDOWN_TIMEOUT,
                relay);
    }

    private static void rejectInSendMode(PropertyReader in) {
        for (MxProperty property : MxProperty.values()) {
            if (property.isSpoolSetting() && in.isSet(property)) {
                in.problem(property.key() + " is set, but " + MODE.key()
                        + " is not submit; set mail.mx.mode=submit to queue messages in a spool.");
            }
        }
    }

    private static @Nullable RetrySchedule retrySchedule(PropertyReader in) {
        RetrySchedule defaults = RetrySchedule.defaults();
        Duration lifetime = in.read(SPOOL_LIFETIME, Values::duration);
        Duration interval = in.read(SPOOL_RETRY_INTERVAL, Values::duration);
        Duration maxInterval = in.read(SPOOL_RETRY_MAX_INTERVAL, Values::duration);
        Double multiplier = in.read(SPOOL_RETRY_MULTIPLIER, Values.decimal(1.0, Double.POSITIVE_INFINITY));
        Double jitter = in.read(SPOOL_RETRY_JITTER, Values.decimal(0.0, 1.0));

        Duration first = interval != null ? interval : defaults.firstRetry();
        Duration longest = maxInterval != null ? maxInterval : defaults.maxInterval();
        if (longest.compareTo(first) < 0) {
            in.problem(SPOOL_RETRY_MAX_INTERVAL.key() + " (" + longest + ") is shorter than "
                    + SPOOL_RETRY_INTERVAL.key() + " (" + first + "); raise it, or lower the first interval.");
            return null;
        }
        return new RetrySchedule(
                first,
                multiplier != null ? multiplier : defaults.multiplier(),
                jitter != null ? jitter : defaults.randomizationFactor(),
                longest,
                lifetime != null ? lifetime : defaults.maxLifetime());
    }
}
