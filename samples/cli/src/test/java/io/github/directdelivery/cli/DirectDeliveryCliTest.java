package io.github.directdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectDeliveryCliTest {

    @Test
    void missingCommandIsAUsageError() {
        Cli.Result result = Cli.run();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.errLines())
                .containsExactly("direct-delivery: Missing required subcommand (see 'direct-delivery --help')");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli.Result result = Cli.run("deliver");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.errLines()).singleElement().asString().contains("'deliver'");
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out()).contains("send").contains("mx").contains("demo");
    }

    @Test
    void sendHelpListsTheExitCodes() {
        Cli.Result result = Cli.run("send", "--help");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out())
                .contains("--from=ADDR")
                .contains("MESSAGE_FILE|-")
                .contains("75");
    }
}
