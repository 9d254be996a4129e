/**
 * The durable queue: a spool that keeps each message and its recipients' state across crashes,
 * and the workers that deliver, retry, expire and report on schedule.
 */
@NullMarked
package io.github.directdelivery.internal.queue;

import org.jspecify.annotations.NullMarked;
