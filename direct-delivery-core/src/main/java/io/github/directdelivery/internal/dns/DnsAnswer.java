package io.github.directdelivery.internal.dns;

import java.util.List;
import org.xbill.DNS.Record;

/** The outcome of one DNS lookup, with every kind of failure as a value rather than an exception. */
sealed interface DnsAnswer {

    /** The records of the requested type, after any CNAME chain was followed. */
    record Found(List<Record> records) implements DnsAnswer {
        public Found {
            records = List.copyOf(records);
        }
    }

    /** The name exists but has no record of the requested type (NOERROR with an empty answer). */
    record NoData() implements DnsAnswer {}

    /** The name does not exist (NXDOMAIN). */
    record NoSuchDomain() implements DnsAnswer {}

    /**
     * The lookup failed in a way that may pass: SERVFAIL, REFUSED, another error code, a timeout or
     * an answer that could not be used.
     *
     * @param reason what failed, for the route's reason and the logs
     */
    record TemporaryFailure(String reason) implements DnsAnswer {}
}
