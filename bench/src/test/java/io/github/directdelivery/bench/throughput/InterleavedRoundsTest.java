package io.github.directdelivery.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterleavedRoundsTest {

    private final List<String> runs = new ArrayList<>();
    private final PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** A contender that records its runs and takes a fixed number of nanoseconds per message. */
    private Contender contender(String name, long nanosPerMessage) {
        return new Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long run(Workload workload) {
                runs.add(name);
                return nanosPerMessage * workload.messages();
            }
        };
    }

    @Test
    void startingContenderRotates() {
        InterleavedRounds rounds =
                new InterleavedRounds(List.of(contender("a", 1), contender("b", 1), contender("c", 1)), 1, 3, progress);

        assertThat(rounds.order(0)).containsExactly(0, 1, 2);
        assertThat(rounds.order(1)).containsExactly(1, 2, 0);
        assertThat(rounds.order(2)).containsExactly(2, 0, 1);
        assertThat(rounds.order(3)).containsExactly(0, 1, 2);
    }

    @Test
    void warmUpIsNotCounted() throws Exception {
        InterleavedRounds rounds =
                new InterleavedRounds(List.of(contender("a", 1000), contender("b", 500)), 2, 2, progress);

        Map<String, List<Double>> rates = rounds.measure(new Workload(2048, 10, 1));

        assertThat(runs).containsExactly("a", "b", "a", "b", "a", "b", "b", "a");
        assertThat(rates.get("a")).containsExactly(1e6, 1e6);
        assertThat(rates.get("b")).containsExactly(2e6, 2e6);
    }
}
