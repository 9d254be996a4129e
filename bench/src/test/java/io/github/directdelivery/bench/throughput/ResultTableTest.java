package io.github.directdelivery.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void medianOfOddCountIsMiddleValue() {
        assertThat(ResultTable.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
    }

    @Test
    void medianOfEvenCountIsMean() {
        assertThat(ResultTable.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
    }

    @Test
    void medianOfNothingIsRejected() {
        assertThatThrownBy(() -> ResultTable.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verdictComparesRatioWithTarget() {
        assertThat(ResultTable.verdict(1.5, 1.5)).isEqualTo("1.50 (≥ 1.5: met)");
        assertThat(ResultTable.verdict(1.49, 1.5)).isEqualTo("1.49 (≥ 1.5: missed)");
    }

    @Test
    void summaryUsesTargetOfConnectionCount() {
        ResultTable table = new ResultTable();
        Map<String, List<Double>> rates = Map.of(
                ResultTable.LIBRARY, List.of(300.0),
                ResultTable.SMTP_SOURCE, List.of(200.0),
                ResultTable.ANGUS, List.of(100.0));
        table.add(new Workload(2048, 10, 1), rates);
        table.add(new Workload(2048, 10, 8), rates);

        assertThat(table.summary())
                .contains("| 2 KB × 10, 1 connection | 300 | 200 | 100 | 1.50 (≥ 1.5: met) | 3.00 (≥ 2.0: met) |")
                .contains("| 2 KB × 10, 8 connections | 300 | 200 | 100 | 1.50 (≥ 1.0: met) | 3.00 (≥ 2.0: met) |");
    }
}
