package io.github.directdelivery.bench.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmitTableTest {

    @Test
    void summaryShowsMediansAndMetTarget() {
        SubmitTable table = new SubmitTable(
                "library", "postfix", Map.of("library", List.of(900.0, 1300.0, 1100.0), "postfix", List.of(500.0)));

        assertThat(table.ratio()).isEqualTo(2.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(table.summary())
                .contains("| library | 1100 |")
                .contains("| postfix | 500 |")
                .contains("library ÷ postfix: 2.20 (target ≥ 2.0: met)");
    }

    @Test
    void summaryReportsMissedTarget() {
        SubmitTable table =
                new SubmitTable("library", "postfix", Map.of("library", List.of(700.0), "postfix", List.of(500.0)));

        assertThat(table.summary()).contains("library ÷ postfix: 1.40 (target ≥ 2.0: missed)");
    }

    @Test
    void roundsListEveryRate() {
        SubmitTable table = new SubmitTable(
                "library", "postfix", Map.of("library", List.of(700.4, 810.0), "postfix", List.of(500.0, 480.6)));

        assertThat(table.rounds()).contains("| library | 700, 810 |").contains("| postfix | 500, 481 |");
    }

    @Test
    void medianOfEvenCountIsMeanOfMiddleValues() {
        assertThat(SubmitTable.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(SubmitTable.median(List.of(5.0))).isEqualTo(5.0);
    }

    @Test
    void missingContenderIsRejected() {
        assertThatThrownBy(() -> new SubmitTable("library", "postfix", Map.of("library", List.of(1.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no results for postfix");
    }
}
