/** The changes made to a message before it is sent: mbox separator, Bcc, Message-ID and Date. */
@NullMarked
package io.github.directdelivery.internal.prepare;

import org.jspecify.annotations.NullMarked;
