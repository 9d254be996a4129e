package io.github.directdelivery.internal.dns;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Record;

/**
 * The outcome of one DNS lookup, with every kind of failure as a value rather than an exception.
 * The answers that a cache may keep carry when they expire: null means that the answer must not be
 * kept at all, for example because it came from a response whose arrival was not seen.
 */
sealed interface DnsAnswer {

    /** The records of the requested type, after any CNAME chain was followed. */
    record Found(List<Record> records, @Nullable Instant expires) implements DnsAnswer {
        public Found {
            records = List.copyOf(records);
        }
    }

    /** The name exists but has no record of the requested type (NOERROR with an empty answer). */
    record NoData(@Nullable Instant expires) implements DnsAnswer {}

    /** The name does not exist (NXDOMAIN). */
    record NoSuchDomain(@Nullable Instant expires) implements DnsAnswer {}

    /**
     * The lookup failed in a way that may pass: SERVFAIL, REFUSED, another error code, a timeout or
     * an answer that could not be used. It is never kept.
     *
     * @param reason what failed, for the route's reason and the logs
     */
    record TemporaryFailure(String reason) implements DnsAnswer {}

    /** Returns when the answer expires, or null if it must not be kept. */
    default @Nullable Instant expiry() {
        if (this instanceof Found found) {
            return found.expires();
        }
        if (this instanceof NoData noData) {
            return noData.expires();
        }
        if (this instanceof NoSuchDomain noSuchDomain) {
            return noSuchDomain.expires();
        }
        return null;
    }
}
