package io.github.directdelivery.bench.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlternatingRoundsTest {

    private final List<String> runs = new ArrayList<>();
    private final PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** Returns a contender that records its runs and takes a fixed number of nanoseconds per message. */
    private SubmitContender contender(String name, long nanosPerMessage) {
        return new SubmitContender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long run(int messages, int sessions) {
                runs.add(name + "/" + sessions);
                return nanosPerMessage * messages;
            }
        };
    }

    @Test
    void startingContenderAlternates() {
        AlternatingRounds rounds = new AlternatingRounds(List.of(contender("a", 1), contender("b", 1)), 0, 3, progress);

        assertThat(rounds.order(0)).containsExactly(0, 1);
        assertThat(rounds.order(1)).containsExactly(1, 0);
        assertThat(rounds.order(2)).containsExactly(0, 1);
    }

    @Test
    void warmUpIsNotCounted() throws Exception {
        AlternatingRounds rounds =
                new AlternatingRounds(List.of(contender("a", 1000), contender("b", 500)), 1, 2, progress);

        Map<String, List<Double>> rates = rounds.measure(10, 8);

        assertThat(runs).containsExactly("a/8", "b/8", "a/8", "b/8", "b/8", "a/8");
        assertThat(rates.get("a")).containsExactly(1e6, 1e6);
        assertThat(rates.get("b")).containsExactly(2e6, 2e6);
    }

    @Test
    void noRoundIsRejected() {
        assertThatThrownBy(() -> new AlternatingRounds(List.of(contender("a", 1)), 1, 0, progress))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 rounds");
    }
}
