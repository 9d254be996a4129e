/**
 * Benchmarks of DirectDelivery: what the micro-benchmarks, the throughput run and the heap run
 * share, such as the loopback SMTP sink and the test messages. {@code bench/run.sh} runs them all.
 */
@NullMarked
package io.github.directdelivery.bench;

import org.jspecify.annotations.NullMarked;
