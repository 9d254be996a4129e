/** The {@code mail.mx.*} session properties and their mapping onto the core client's builder. */
@NullMarked
package io.github.directdelivery.jakarta.internal.settings;

import org.jspecify.annotations.NullMarked;
