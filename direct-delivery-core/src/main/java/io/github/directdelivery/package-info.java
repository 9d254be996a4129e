/**
 * Direct mail delivery: resolve each recipient domain's MX hosts, speak SMTP to them and report,
 * per recipient, whether and where the message landed.
 *
 * <p>Everything in this package is public API. Types under {@code io.github.directdelivery.internal}
 * are implementation details and may change in any release.
 */
@NullMarked
package io.github.directdelivery;

import org.jspecify.annotations.NullMarked;
