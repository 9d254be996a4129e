package io.github.directdelivery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Map<String, String> DEFAULTS = Map.of("rounds", "6", "out", "results.md");

    @Test
    void givenValueReplacesDefault() {
        Options options = Options.parse(new String[] {"--rounds=9"}, DEFAULTS);

        assertThat(options.positiveInt("rounds")).isEqualTo(9);
        assertThat(options.string("out")).isEqualTo("results.md");
    }

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--round=9"}, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --round");
    }

    @Test
    void argumentWithoutValueIsRejected() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--rounds"}, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--name=value");
    }

    @Test
    void nonPositiveNumberIsRejected() {
        Options options = Options.parse(new String[] {"--rounds=0"}, DEFAULTS);

        assertThatThrownBy(() -> options.positiveInt("rounds"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rounds must be a positive integer");
    }
}
