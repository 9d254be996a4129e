package io.github.directdelivery.internal.queue;

import io.github.directdelivery.QueueId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Makes queue ids: the submission time in milliseconds and 64 random bits, both in hex, so ids sort
 * roughly by age. The random part does not come from the injected generator: a test that restarts
 * with the same seed must still get ids that differ from those already in the spool.
 */
final class QueueIds {

    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());

    synchronized QueueId next(Instant now) {
        return new QueueId(String.format("%012x-%016x", now.toEpochMilli(), random.nextLong()));
    }

    /** Returns 32 random hex digits, for Message-IDs and MIME boundaries. */
    synchronized String unique() {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }
}
