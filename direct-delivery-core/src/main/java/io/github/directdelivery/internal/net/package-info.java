/** Address classification and the checks made before any connection is opened. */
@NullMarked
package io.github.directdelivery.internal.net;

import org.jspecify.annotations.NullMarked;
