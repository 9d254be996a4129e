package io.github.directdelivery.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MxOrderingPropertyTest {

    @Property(tries = 1000)
    void orderIsSortedPermutation(@ForAll("targets") List<MxTarget> targets, @ForAll long seed) {
        List<MxTarget> ordered = MxOrdering.order(targets, new SplittableRandom(seed));

        assertThat(ordered).containsExactlyInAnyOrderElementsOf(targets);
        assertThat(ordered).isSortedAccordingTo(Comparator.comparingInt(MxTarget::preference));
    }

    @Property(tries = 200)
    void inputIsLeftUnchanged(@ForAll("targets") List<MxTarget> targets, @ForAll long seed) {
        List<MxTarget> copy = new ArrayList<>(targets);

        MxOrdering.order(targets, new SplittableRandom(seed));

        assertThat(targets).isEqualTo(copy);
    }

    /** Up to 12 hosts with distinct names and preferences from a small range, so that ties are common. */
    @Provide
    Arbitrary<List<MxTarget>> targets() {
        return Arbitraries.integers().between(0, 3).list().ofMaxSize(12).map(preferences -> {
            List<MxTarget> targets = new ArrayList<>();
            for (int i = 0; i < preferences.size(); i++) {
                targets.add(new MxTarget("mx" + i + ".example.com", preferences.get(i) * 10));
            }
            return targets;
        });
    }
}
