/**
 * The SMTP client: one {@link io.github.directdelivery.internal.smtp.SmtpSession} per connection to
 * one destination host, with its reply reader, EHLO capabilities, commands and AUTH mechanisms.
 */
@NullMarked
package io.github.directdelivery.internal.smtp;

import org.jspecify.annotations.NullMarked;
