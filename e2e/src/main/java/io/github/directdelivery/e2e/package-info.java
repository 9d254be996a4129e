/**
 * The end-to-end suite: delivers real-world messages through the command line and the library to
 * a real Postfix found through a real DNS server (NSD), all on loopback, and compares each arrival
 * with the file that was sent. {@code e2e/run} starts the servers and runs it.
 */
@NullMarked
package io.github.directdelivery.e2e;

import org.jspecify.annotations.NullMarked;
