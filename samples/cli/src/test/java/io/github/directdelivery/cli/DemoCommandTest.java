package io.github.directdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void everyScenarioEndsAsExpected() {
        Cli.Result result = Cli.run("demo");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(0);
        assertThat(result.out())
                .contains("alice@tls.demo.test: DELIVERED 250 ")
                .contains("; TLS TLSv1.")
                .contains("bob@null-mx.demo.test: FAILED 5.1.10 ")
                .contains("carol@greylist.demo.test: DEFERRED 451 4.7.1 ")
                .contains("dave@backup-mx.demo.test: DELIVERED 250 ")
                .contains("host mx2.backup-mx.demo.test [127.0.0.5]")
                .doesNotContain(": NO")
                .endsWith("4 of 4 scenarios ended as expected." + System.lineSeparator());
    }
}
