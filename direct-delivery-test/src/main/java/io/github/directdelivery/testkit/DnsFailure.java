package io.github.directdelivery.testkit;

/**
 * A failure that a {@link DnsServer} produces for a name, instead of answering from its records;
 * set with {@link DnsServer#fail(String, String, DnsFailure)}.
 */
public enum DnsFailure {
    /** Answer with response code SERVFAIL (2): the server could not process the query. */
    SERVFAIL,
    /**
     * Answer with response code NXDOMAIN (3), as if the name did not exist, even if it has records.
     * The SOA is in the authority section, as in every negative answer.
     */
    NXDOMAIN,
    /** Answer with response code REFUSED (5): the server will not answer this query. */
    REFUSED,
    /** Send no answer at all, so that the client times out. */
    DROP,
    /**
     * Answer over UDP with only the header and the question and the TC (truncated) bit set, so
     * that the client asks again over TCP; over TCP, answer normally.
     */
    TRUNCATE
}
