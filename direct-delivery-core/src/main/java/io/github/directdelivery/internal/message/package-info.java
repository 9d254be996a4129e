/**
 * Message content as the SMTP client sends it: a source that can be opened more than once, a
 * one-pass scan for what must be known before MAIL, CRLF normalisation and dot-stuffing.
 */
@NullMarked
package io.github.directdelivery.internal.message;

import org.jspecify.annotations.NullMarked;
