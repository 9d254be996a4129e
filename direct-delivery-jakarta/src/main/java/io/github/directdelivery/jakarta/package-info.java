/**
 * Jakarta Mail support: {@link io.github.directdelivery.jakarta.MimeMessageSources} turns a
 * {@link jakarta.mail.internet.MimeMessage} into the envelope and the 7-bit message bytes the core
 * client sends, and {@link io.github.directdelivery.jakarta.DirectDeliverySendFailedException}
 * carries the delivery report of a message that did not reach every recipient.
 */
@NullMarked
package io.github.directdelivery.jakarta;

import org.jspecify.annotations.NullMarked;
