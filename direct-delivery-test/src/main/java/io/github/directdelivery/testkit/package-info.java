/**
 * Test support for mail delivery without the Internet: servers on loopback that an application's
 * tests start, script and inspect.
 *
 * <p>{@link io.github.directdelivery.testkit.ScriptedSmtpServer} is an SMTP server whose every
 * reply can be scripted and which records the exact bytes each client sent.
 * {@link io.github.directdelivery.testkit.TlsIdentity} makes certificates at run time for any host
 * name, with the trust material a client needs to verify them.
 */
@NullMarked
package io.github.directdelivery.testkit;

import org.jspecify.annotations.NullMarked;
