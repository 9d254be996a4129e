package io.github.directdelivery.testkit;

/** The transport a DNS query arrived on. */
public enum DnsTransport {
    /** A UDP datagram, the usual transport. */
    UDP,
    /** A TCP connection, used after a truncated UDP answer or for answers too large for UDP. */
    TCP
}
