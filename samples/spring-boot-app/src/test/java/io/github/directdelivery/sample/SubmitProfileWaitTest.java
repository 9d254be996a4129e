package io.github.directdelivery.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code submit} profile's runner waits for the spool before the application exits, even when
 * the receiving MX host takes its time to accept the message.
 */
// The spool lives in a temporary directory that is deleted after the class, so the context, with
// the spool's workers, must be closed first rather than kept in Spring's test context cache.
@DirtiesContext
@SpringBootTest(args = "--to=carol@example.org")
@ActiveProfiles("submit")
class SubmitProfileWaitTest {

    private static Path directory;
    private static FakeInternet internet;
    private static ScriptedSmtpServer slowMx;

    @Autowired
    private DurableDelivery spool;

    @BeforeAll
    static void startInternet(@TempDir Path temporary) throws IOException {
        directory = temporary;
        internet = FakeInternet.start();
        slowMx = internet.mx(
                "example.org",
                "mx.example.org",
                server ->
                        server.onEndOfData(ScriptedReply.of("250 2.0.0 queued").delayedBy(Duration.ofSeconds(1))));
    }

    @AfterAll
    static void stopInternet() {
        internet.close();
    }

    @DynamicPropertySource
    static void aimAtFakeInternet(DynamicPropertyRegistry properties) {
        FakeInternetProperties.add(properties, () -> internet.dnsServer().getPort(), () -> internet.smtpPort());
        properties.add("direct-delivery.spool.directory", () -> directory.resolve("spool"));
    }

    @Test
    void runnerReturnsAfterTheSpoolDelivered() {
        // No waiting here: the runner finished before the context was handed to this test.
        assertThat(slowMx.messages()).hasSize(1);
        assertThat(slowMx.messages().get(0).recipients()).containsExactly("carol@example.org");
        assertThat(spool.stats().messages()).isZero();
    }
}
