package io.github.directdelivery.bench.submit;

/** Checks on what the sink counted during one run. */
final class SinkChecks {

    private SinkChecks() {}

    /**
     * Checks that the sink received exactly {@code expected} messages since it had counted
     * {@code before}: fewer means lost mail, more means a message was delivered twice or another
     * client used the sink.
     *
     * @throws IllegalStateException if the count differs
     */
    static void requireExactly(ReceivedCount sink, long before, int expected, String contender) {
        long arrived = sink.received() - before;
        if (arrived != expected) {
            throw new IllegalStateException(contender + " submitted " + expected + " messages but the sink received "
                    + arrived + "; expected exactly one delivery of each");
        }
    }
}
