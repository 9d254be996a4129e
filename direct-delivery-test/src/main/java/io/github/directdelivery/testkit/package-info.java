/**
 * Test support for applications that send mail with DirectDelivery: servers on loopback that stand
 * in for the Internet, so that a test can run the real delivery code with no network access.
 *
 * <p>{@link io.github.directdelivery.testkit.DnsServer} is an authoritative DNS server whose
 * records and failures the test sets. {@link io.github.directdelivery.testkit.ScriptedSmtpServer}
 * is an SMTP server whose every reply can be scripted and which records the exact bytes each client
 * sent. {@link io.github.directdelivery.testkit.TlsIdentity} makes certificates at run time for any
 * host name, with the trust material a client needs to verify them.
 * {@link io.github.directdelivery.testkit.FakeInternet} puts them together: a DNS server and MX
 * hosts that share one SMTP port on their own 127.0.0.x addresses.
 */
@NullMarked
package io.github.directdelivery.testkit;

import org.jspecify.annotations.NullMarked;
