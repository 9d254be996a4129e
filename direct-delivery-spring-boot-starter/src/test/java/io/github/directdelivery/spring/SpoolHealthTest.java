package io.github.directdelivery.spring;

import static io.github.directdelivery.spring.SpoolFixtures.await;
import static io.github.directdelivery.spring.SpoolFixtures.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

class SpoolHealthTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DirectDeliveryAutoConfiguration.class, DirectDeliveryHealthAutoConfiguration.class));

    private final QueueEvents events = new QueueEvents();
    private FakeInternet internet;
    private ScriptedSmtpServer mx;
    private Path spool;

    @BeforeEach
    void startInternet(@TempDir Path directory) throws IOException {
        internet = FakeInternet.start();
        mx = internet.mx(
                "example.org",
                "mx.example.org",
                server -> server.onRecipient("dave@example.org", "451 4.7.1 Try again later"));
        spool = directory.resolve("spool");
    }

    @AfterEach
    void stopInternet() {
        internet.close();
    }

    @Test
    void spoolDetailsAfterDeferral() {
        submitRunner().run(context -> {
            DurableDelivery queue = context.getBean(DurableDelivery.class);
            submit(queue, "alice@example.org", "dave@example.org");
            events.await("deferred dave@example.org");
            await("no delivery in flight", () -> queue.stats().inFlight() == 0);

            Health health = context.getBean(DirectDeliveryHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("mode", DeliveryMode.SUBMIT);
            Map<String, Object> details = spoolDetails(health);
            assertThat(details).containsEntry("directory", spool.toString());
            assertThat(details).containsEntry("messages", 1);
            assertThat(details).containsEntry("pendingRecipients", 1);
            assertThat(details).containsEntry("inFlight", 0);
            assertThat(details).containsEntry("quarantinedFiles", 0);
            assertThat(Duration.parse((String) details.get("oldestMessageAge")))
                    .isBetween(Duration.ZERO, Duration.ofSeconds(30));
        });
    }

    @Test
    void checkSendsNoNetworkTraffic() {
        submitRunner().run(context -> {
            internet.dns().clearQueries();

            Health health = context.getBean(DirectDeliveryHealthIndicator.class).health();

            assertThat(spoolDetails(health)).containsEntry("messages", 0);
            assertThat(internet.dns().queries()).isEmpty();
            assertThat(mx.connections()).isEmpty();
        });
    }

    @Test
    void quarantinedFileLeavesStatusUp() throws IOException {
        Files.createDirectories(spool.resolve("messages"));
        Files.writeString(spool.resolve("messages").resolve("Notes.txt"), "not a spool file");

        submitRunner().run(context -> {
            Health health = context.getBean(DirectDeliveryHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(spoolDetails(health)).containsEntry("quarantinedFiles", 1);
            assertThat(events.events()).containsExactly("quarantined Notes.txt");
        });
    }

    @Test
    void oldMessageLeavesStatusUp() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("test.own-spool=" + spool)
                .withBean(MutableClock.class, () -> clock)
                .withUserConfiguration(ClockedSpoolConfiguration.class)
                .run(context -> {
                    DurableDelivery queue = context.getBean(DurableDelivery.class);
                    submit(queue, "dave@example.org");
                    // The server saw the attempt begin, so once nothing is in flight, it has ended.
                    await(
                            "the end of the first attempt",
                            () -> mx.connections().size() == 1 && queue.stats().inFlight() == 0);
                    clock.advance(Duration.ofDays(4));

                    Health health =
                            context.getBean(DirectDeliveryHealthIndicator.class).health();

                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(spoolDetails(health)).containsEntry("oldestMessageAge", "PT96H");
                });
    }

    @Test
    void downWhenSpoolClosed() {
        submitRunner().run(context -> {
            context.getBean(DurableDelivery.class).close();

            Health health = context.getBean(DirectDeliveryHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(health.getDetails().get("error"))).contains("spool is closed");
        });
    }

    @Test
    void sendModeHasNoSpoolDetails() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            Health health = context.getBean(DirectDeliveryHealthIndicator.class).health();

            assertThat(health.getDetails()).containsEntry("mode", DeliveryMode.SEND);
            assertThat(health.getDetails()).doesNotContainKey("spool");
        });
    }

    private ApplicationContextRunner submitRunner() {
        return runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.mode=submit", "direct-delivery.spool.directory=" + spool)
                .withBean(QueueEvents.class, () -> events);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spoolDetails(Health health) {
        assertThat(health.getDetails()).containsKey("spool");
        return (Map<String, Object>) Objects.requireNonNull(health.getDetails().get("spool"));
    }

    /** An application's own spool, on a clock the test moves. */
    @Configuration(proxyBeanMethods = false)
    static class ClockedSpoolConfiguration {
        @Bean(destroyMethod = "close")
        DurableDelivery ownSpool(DirectDelivery client, MutableClock clock, Environment environment) {
            return DurableDelivery.builder(client, Path.of(environment.getRequiredProperty("test.own-spool")))
                    .clock(clock)
                    .build();
        }
    }
}
