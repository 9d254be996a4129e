/**
 * Test support for applications that send mail with DirectDelivery: servers on loopback that stand
 * in for the Internet, so that a test can run the real delivery code with no network access.
 *
 * <p>{@link io.github.directdelivery.testkit.DnsServer} is an authoritative DNS server whose
 * records and failures the test sets.
 */
@NullMarked
package io.github.directdelivery.testkit;

import org.jspecify.annotations.NullMarked;
