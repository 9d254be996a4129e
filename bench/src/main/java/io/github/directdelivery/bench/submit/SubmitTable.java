package io.github.directdelivery.bench.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The durable submit results as Markdown: each contender's median messages per second, the
 * library's ratio to Postfix's queue against the target, and every round's rate.
 */
final class SubmitTable {

    /** Minimum ratio of DirectDelivery's durable submit to Postfix's queue. */
    static final double TARGET = 2.0;

    private final String library;
    private final String postfix;
    private final Map<String, List<Double>> rates;

    /**
     * Creates the table.
     *
     * @throws IllegalArgumentException if either contender has no rates
     */
    SubmitTable(String library, String postfix, Map<String, List<Double>> rates) {
        for (String name : List.of(library, postfix)) {
            List<Double> values = rates.get(name);
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("no results for " + name);
            }
        }
        this.library = library;
        this.postfix = postfix;
        this.rates = Map.copyOf(rates);
    }

    /** Returns DirectDelivery's median rate divided by Postfix's. */
    double ratio() {
        return median(values(library)) / median(values(postfix));
    }

    /** Returns the table of medians and the ratio with its target. */
    String summary() {
        return String.format(
                Locale.ROOT,
                "| contender | msg/s (median) |%n|---|---:|%n| %s | %.0f |%n| %s | %.0f |%n%n"
                        + "%s ÷ %s: %.2f (target ≥ %.1f: %s)%n",
                library,
                median(values(library)),
                postfix,
                median(values(postfix)),
                library,
                postfix,
                ratio(),
                TARGET,
                ratio() >= TARGET ? "met" : "missed");
    }

    /** Returns every round's rate of each contender. */
    String rounds() {
        StringBuilder table = new StringBuilder("| contender | msg/s per round |\n|---|---|\n");
        for (String name : List.of(library, postfix)) {
            List<String> shown = new ArrayList<>();
            values(name).forEach(value -> shown.add(String.format(Locale.ROOT, "%.0f", value)));
            table.append("| ")
                    .append(name)
                    .append(" | ")
                    .append(String.join(", ", shown))
                    .append(" |\n");
        }
        return table.toString();
    }

    private List<Double> values(String name) {
        List<Double> values = rates.get(name);
        if (values == null) {
            throw new IllegalStateException("no results for " + name);
        }
        return values;
    }

    /** Returns the median of {@code values}: the middle value, or the mean of the two middle ones. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
