package io.github.directdelivery.bench.throughput;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures contenders on one workload in interleaved rounds, so that drift on a shared machine
 * (other processes, CPU frequency, a warming JIT) hits each of them equally. After untimed
 * warm-up runs of each, every round runs each contender once, and the starting contender rotates
 * from round to round.
 */
final class InterleavedRounds {

    private final List<Contender> contenders;
    private final int warmUpRuns;
    private final int rounds;
    private final PrintStream progress;

    InterleavedRounds(List<Contender> contenders, int warmUpRuns, int rounds, PrintStream progress) {
        if (contenders.isEmpty() || warmUpRuns < 0 || rounds < 1) {
            throw new IllegalArgumentException("need at least one contender and one round, and no negative warm-up");
        }
        this.contenders = List.copyOf(contenders);
        this.warmUpRuns = warmUpRuns;
        this.rounds = rounds;
        this.progress = progress;
    }

    /**
     * Runs the warm-up and the rounds.
     *
     * @return each contender's messages per second, one value per round, in round order
     * @throws Exception the first failure of a contender
     */
    Map<String, List<Double>> measure(Workload workload) throws Exception {
        progress.println("== " + workload.label());
        for (int run = 0; run < warmUpRuns; run++) {
            for (Contender contender : contenders) {
                long nanos = contender.run(workload);
                progress.printf(
                        Locale.ROOT, "   warm-up  %-20s %10.0f msg/s%n", contender.name(), rate(workload, nanos));
            }
        }
        List<List<Double>> rates = new ArrayList<>();
        contenders.forEach(contender -> rates.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int index : order(round)) {
                Contender contender = contenders.get(index);
                double rate = rate(workload, contender.run(workload));
                rates.get(index).add(rate);
                progress.printf(Locale.ROOT, "   round %d  %-20s %10.0f msg/s%n", round + 1, contender.name(), rate);
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

    private static double rate(Workload workload, long nanos) {
        return workload.messages() * 1e9 / nanos;
    }
}
