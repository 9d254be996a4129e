package io.github.directdelivery.spring.internal;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Listeners of one kind that get each event in order. A listener that throws is logged and
 * skipped, so the listeners after it still get the event.
 */
final class ListenerFanOut<T> {

    private final List<T> listeners;
    private final String kind;
    private final Logger log;

    /**
     * @param kind what the listeners are, for the log, such as "queue listener"
     * @param log the logger of the composite listener that uses this
     */
    ListenerFanOut(List<T> listeners, String kind, Logger log) {
        this.listeners = List.copyOf(listeners);
        this.kind = kind;
        this.log = log;
    }

    /** Calls {@code call} on every listener, logging each exception with the {@code event} name. */
    void forEach(String event, Consumer<T> call) {
        for (T listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("The {} {} failed on {}; the other listeners still get the event", kind, listener, event, e);
            }
        }
    }
}
