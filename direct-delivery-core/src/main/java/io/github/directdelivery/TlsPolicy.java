package io.github.directdelivery;

/** How a session with a destination host uses STARTTLS (RFC 3207). */
public enum TlsPolicy {
    /** Never use STARTTLS, even when the server offers it. */
    NONE,
    /**
     * Use STARTTLS when offered, without verifying the certificate; if the handshake fails, deliver
     * to the same host in plaintext. This is what MX-to-MX mail does today and the default.
     */
    OPPORTUNISTIC,
    /** Use STARTTLS without verifying the certificate; a host that cannot encrypt is deferred. */
    REQUIRED,
    /**
     * Use STARTTLS and verify the certificate chain (PKIX) and the host name; otherwise the host is
     * deferred.
     */
    VERIFIED
}
