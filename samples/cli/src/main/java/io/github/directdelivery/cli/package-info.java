/**
 * The {@code direct-delivery} command line: {@code send} delivers a message directly to the
 * recipients' MX hosts, {@code mx} shows the route to a domain, and {@code demo} runs a delivery
 * against embedded servers on loopback. Built as an executable jar on the core's public API.
 */
@NullMarked
package io.github.directdelivery.cli;

import org.jspecify.annotations.NullMarked;
