package io.github.directdelivery.internal.dns;

/**
 * An MX host to look up: the target of an MX record, or the domain itself as the implicit MX.
 *
 * @param host the host name in lower-case ASCII, without a trailing dot
 * @param preference the MX preference; lower is tried first
 */
record MxTarget(String host, int preference) {}
