/** The delivery engine: recipients grouped by domain, routes tried host by host, retries, reports. */
@NullMarked
package io.github.directdelivery.internal.delivery;

import org.jspecify.annotations.NullMarked;
