/**
 * Jakarta Mail support for direct delivery.
 *
 * <p>An application that sends with Jakarta Mail switches by configuration: the transport
 * {@link io.github.directdelivery.jakarta.MxTransport}, protocol {@code mx}, is selected with
 * {@code mail.transport.protocol=mx} (or {@code mail.transport.protocol.rfc822=mx} for the static
 * {@link jakarta.mail.Transport#send(jakarta.mail.Message)}) and configured with {@code mail.mx.*}
 * session properties. With {@code mail.mx.mode=submit} sending stores each message in a spool
 * instead, which {@link io.github.directdelivery.jakarta.MxSpools} keeps open for every transport
 * of the JVM. Code that delivers through the core client itself uses
 * {@link io.github.directdelivery.jakarta.MimeMessageSources} to turn a
 * {@link jakarta.mail.internet.MimeMessage} into the envelope and the 7-bit message bytes. In
 * send mode, a message that did not reach every recipient fails with a
 * {@link io.github.directdelivery.jakarta.DirectDeliverySendFailedException}, which carries the
 * delivery report.
 */
@NullMarked
package io.github.directdelivery.jakarta;

import org.jspecify.annotations.NullMarked;
