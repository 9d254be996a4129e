package io.github.directdelivery.bench.submit;

/** One of the queues compared: it takes messages over its submission path and delivers them to the sink. */
interface SubmitContender extends AutoCloseable {

    /** Returns the name shown in the results. */
    String name();

    /**
     * Submits {@code messages} messages from {@code sessions} concurrent submitters and returns the
     * nanoseconds from the first submission until the last message was delivered to the sink.
     *
     * @throws Exception if a message was not accepted or not delivered, or the sink did not
     *     receive exactly {@code messages} messages
     */
    long run(int messages, int sessions) throws Exception;

    @Override
    default void close() {}
}
