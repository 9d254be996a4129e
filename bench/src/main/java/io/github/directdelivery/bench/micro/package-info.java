/**
 * JMH micro-benchmarks of the core's hot paths: the SMTP reply parser, CRLF normalisation and
 * dot-stuffing of message content, and the MX resolver's cache.
 */
@NullMarked
package io.github.directdelivery.bench.micro;

import org.jspecify.annotations.NullMarked;
