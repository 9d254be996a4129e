package io.github.directdelivery.bench.submit;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the contenders in interleaved rounds, so that drift on a shared machine (other
 * processes, a warming JIT, a filling disk cache) hits each of them equally. After untimed
 * warm-up runs of each, every round runs each contender once, and the starting contender rotates
 * from round to round.
 */
final class AlternatingRounds {

    private final List<SubmitContender> contenders;
    private final int warmUpRuns;
    private final int rounds;
    private final PrintStream progress;

    /**
     * Creates the rounds.
     *
     * @throws IllegalArgumentException if there is no contender or no round, or the warm-up is negative
     */
    AlternatingRounds(List<SubmitContender> contenders, int warmUpRuns, int rounds, PrintStream progress) {
        if (contenders.isEmpty() || warmUpRuns < 0 || rounds < 1) {
            throw new IllegalArgumentException("need at least one contender and one round, and no negative warm-up,"
                    + " not " + contenders.size() + " contenders, " + rounds + " rounds and " + warmUpRuns
                    + " warm-up runs");
        }
        this.contenders = List.copyOf(contenders);
        this.warmUpRuns = warmUpRuns;
        this.rounds = rounds;
        this.progress = progress;
    }

    /**
     * Runs the warm-up and the rounds.
     *
     * @return each contender's messages per second by name, one value per round, in round order
     * @throws Exception the first failure of a contender
     */
    Map<String, List<Double>> measure(int messages, int sessions) throws Exception {
        for (int run = 0; run < warmUpRuns; run++) {
            for (SubmitContender contender : contenders) {
                double rate = rate(messages, contender.run(messages, sessions));
                progress.printf(Locale.ROOT, "   warm-up  %-22s %8.0f msg/s%n", contender.name(), rate);
            }
        }
        List<List<Double>> rates = new ArrayList<>();
        contenders.forEach(contender -> rates.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int index : order(round)) {
                SubmitContender contender = contenders.get(index);
                double rate = rate(messages, contender.run(messages, sessions));
                rates.get(index).add(rate);
                progress.printf(Locale.ROOT, "   round %d  %-22s %8.0f msg/s%n", round + 1, contender.name(), rate);
            }
        }
        Map<String, List<Double>> byName = new LinkedHashMap<>();
        for (int i = 0; i < contenders.size(); i++) {
            byName.put(contenders.get(i).name(), rates.get(i));
        }
        return byName;
    }

    /** Returns the indexes of the contenders in the order of {@code round}: the list rotated by the round number. */
    List<Integer> order(int round) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            order.add((round + i) % contenders.size());
        }
        return order;
    }

    private static double rate(int messages, long nanos) {
        return messages * 1e9 / nanos;
    }
}
