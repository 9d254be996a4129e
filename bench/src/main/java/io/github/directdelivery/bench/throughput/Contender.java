package io.github.directdelivery.bench.throughput;

/** One of the SMTP clients compared. */
interface Contender {

    /** Returns the name shown in the results. */
    String name();

    /**
     * Sends the workload's messages to the sink and returns how long it took in nanoseconds,
     * opening and closing the connections included.
     *
     * @throws Exception if a message was not accepted or the client failed
     */
    long run(Workload workload) throws Exception;
}
