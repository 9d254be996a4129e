/** Envelope address syntax (RFC 5321 §4.1.2, RFC 6531 §3.3). */
@NullMarked
package io.github.directdelivery.internal.address;

import org.jspecify.annotations.NullMarked;
