/** Rewriting of MIME messages so that every body part is 7-bit data with lines SMTP accepts. */
@NullMarked
package io.github.directdelivery.jakarta.internal.mime;

import org.jspecify.annotations.NullMarked;
