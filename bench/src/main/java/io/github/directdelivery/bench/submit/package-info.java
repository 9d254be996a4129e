/**
 * The durable submit benchmark: DirectDelivery's {@code DurableDelivery} against Postfix's own
 * queue end to end ({@code smtpd} → queue → {@code smtp} → {@code smtp-sink}), both queues on the
 * same disk-backed file system, the arrivals counted at the sink.
 */
@NullMarked
package io.github.directdelivery.bench.submit;

import org.jspecify.annotations.NullMarked;
