/**
 * End-to-end throughput: the same messages sent to the same loopback smtp-sink by DirectDelivery,
 * Postfix's smtp-source and Angus Mail's SMTPTransport, in interleaved rounds.
 */
@NullMarked
package io.github.directdelivery.bench.throughput;

import org.jspecify.annotations.NullMarked;
