package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DsnOptionsTest {

    @Test
    void neverMustStandAlone() {
        assertThatThrownBy(() ->
                        new DsnOptions(EnumSet.of(DsnOptions.Notify.NEVER, DsnOptions.Notify.FAILURE), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NEVER");
        assertThat(new DsnOptions(Set.of(DsnOptions.Notify.NEVER), null, null).notifyOn())
                .containsExactly(DsnOptions.Notify.NEVER);
    }

    @Test
    void envelopeIdMustBePrintableAscii() {
        assertThatThrownBy(() -> new DsnOptions(Set.of(), null, "id\r\nRCPT TO:<x>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+000D at index 2");
        assertThatThrownBy(() -> new DsnOptions(Set.of(), null, "idé")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DsnOptions(Set.of(), null, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DsnOptions(Set.of(), null, "x".repeat(101)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DsnOptions(Set.of(), null, "a b+c=d").envelopeId()).isEqualTo("a b+c=d");
    }

    @Test
    void notifySetIsCopiedInEnumOrder() {
        EnumSet<DsnOptions.Notify> given = EnumSet.of(DsnOptions.Notify.DELAY, DsnOptions.Notify.SUCCESS);
        DsnOptions options = new DsnOptions(given, DsnOptions.Return.FULL, null);
        given.add(DsnOptions.Notify.FAILURE);

        assertThat(options.notifyOn()).containsExactly(DsnOptions.Notify.SUCCESS, DsnOptions.Notify.DELAY);
        assertThat(options.isEmpty()).isFalse();
        assertThat(DsnOptions.none().isEmpty()).isTrue();
    }
}
