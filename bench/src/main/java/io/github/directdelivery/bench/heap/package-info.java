/** Heap use while large messages are sent, measured in a JVM with a small maximum heap. */
@NullMarked
package io.github.directdelivery.bench.heap;

import org.jspecify.annotations.NullMarked;
