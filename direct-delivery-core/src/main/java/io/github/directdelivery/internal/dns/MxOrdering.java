package io.github.directdelivery.internal.dns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Orders MX hosts for delivery. RFC 5321 §5.1: hosts are tried by preference, lowest first, and
 * hosts of equal preference are tried in random order to spread the load.
 */
final class MxOrdering {

    private MxOrdering() {}

    /**
     * Returns {@code targets} sorted by preference, each group of equal preference shuffled with
     * {@code random}. The result is a permutation of the input.
     *
     * @param random the source of the shuffle; it need not be thread-safe, because the caller must
     *     not let other threads use it during this call
     */
    static List<MxTarget> order(List<MxTarget> targets, RandomGenerator random) {
        List<MxTarget> ordered = new ArrayList<>(targets);
        ordered.sort(Comparator.comparingInt(MxTarget::preference));

        int groupStart = 0;
        while (groupStart < ordered.size()) {
            int preference = ordered.get(groupStart).preference();
            int groupEnd = groupStart + 1;
            while (groupEnd < ordered.size() && ordered.get(groupEnd).preference() == preference) {
                groupEnd++;
            }
            shuffle(ordered.subList(groupStart, groupEnd), random);
            groupStart = groupEnd;
        }
        return ordered;
    }

    /** Shuffles {@code list} in place by the Fisher-Yates algorithm. */
    private static void shuffle(List<MxTarget> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }
}
