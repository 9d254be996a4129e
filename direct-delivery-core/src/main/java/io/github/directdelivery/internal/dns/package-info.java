/**
 * MX resolution on dnsjava: domain name conversion to A-labels, the DNS client with its cache, the
 * ordering of MX hosts and the lookup of their addresses.
 */
@NullMarked
package io.github.directdelivery.internal.dns;

import org.jspecify.annotations.NullMarked;
