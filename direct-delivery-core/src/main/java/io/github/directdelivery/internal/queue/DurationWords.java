package io.github.directdelivery.internal.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a duration in English words for the people who read delivery status notifications, such
 * as "5 days" or "2 hours 30 minutes", in place of ISO 8601's "PT120H".
 */
final class DurationWords {

    private DurationWords() {}

    /**
     * Returns the days, hours, minutes and seconds of {@code duration} that are not zero, largest
     * first; fractions of a second are dropped, and a duration under one second is "0 seconds".
     */
    static String of(Duration duration) {
        List<String> parts = new ArrayList<>();
        add(parts, duration.toDaysPart(), "day");
        add(parts, duration.toHoursPart(), "hour");
        add(parts, duration.toMinutesPart(), "minute");
        add(parts, duration.toSecondsPart(), "second");
        return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount != 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
