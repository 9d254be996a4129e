package io.github.directdelivery.bench.throughput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The throughput results as a Markdown table: the median messages per second of each contender
 * per workload, and DirectDelivery's ratios to the others with their targets.
 */
final class ResultTable {

    static final String LIBRARY = "DirectDelivery";
    static final String SMTP_SOURCE = "smtp-source";
    static final String ANGUS = "Angus SMTPTransport";

    /** Minimum ratio to smtp-source over one connection. */
    static final double TARGET_SMTP_SOURCE_ONE = 1.5;
    /** Minimum ratio to smtp-source over several connections. */
    static final double TARGET_SMTP_SOURCE_MANY = 1.0;
    /** Minimum ratio to Angus SMTPTransport. */
    static final double TARGET_ANGUS = 2.0;

    private final Map<Workload, Map<String, List<Double>>> results = new LinkedHashMap<>();

    /** Adds the per-round rates of one workload. */
    void add(Workload workload, Map<String, List<Double>> rates) {
        results.put(workload, rates);
    }

    /** Returns the table of medians and ratios. */
    String summary() {
        StringBuilder table = new StringBuilder();
        table.append("| workload | ")
                .append(LIBRARY)
                .append(" msg/s | ")
                .append(SMTP_SOURCE)
                .append(" msg/s | ")
                .append(ANGUS)
                .append(" msg/s | ÷ smtp-source (target) | ÷ Angus (target) |\n");
        table.append("|---|---:|---:|---:|---|---|\n");
        results.forEach((workload, rates) -> {
            double library = median(rates, LIBRARY);
            double source = median(rates, SMTP_SOURCE);
            double angus = median(rates, ANGUS);
            double sourceTarget = workload.connections() == 1 ? TARGET_SMTP_SOURCE_ONE : TARGET_SMTP_SOURCE_MANY;
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f | %.0f | %s | %s |%n",
                    workload.label(),
                    library,
                    source,
                    angus,
                    verdict(library / source, sourceTarget),
                    verdict(library / angus, TARGET_ANGUS)));
        });
        return table.toString();
    }

    /** Returns every round's rate, for the record of a run. */
    String rounds() {
        StringBuilder table = new StringBuilder("| workload | contender | msg/s per round |\n|---|---|---|\n");
        results.forEach((workload, rates) -> rates.forEach((name, values) -> {
            List<String> shown = new ArrayList<>();
            values.forEach(value -> shown.add(String.format(Locale.ROOT, "%.0f", value)));
            table.append("| ")
                    .append(workload.label())
                    .append(" | ")
                    .append(name)
                    .append(" | ")
                    .append(String.join(", ", shown))
                    .append(" |\n");
        }));
        return table.toString();
    }

    static String verdict(double ratio, double target) {
        return String.format(Locale.ROOT, "%.2f (≥ %.1f: %s)", ratio, target, ratio >= target ? "met" : "missed");
    }

    private static double median(Map<String, List<Double>> rates, String contender) {
        List<Double> values = rates.get(contender);
        if (values == null) {
            throw new IllegalStateException("no results for " + contender);
        }
        return median(values);
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
