package io.github.directdelivery.spring;

import static io.github.directdelivery.spring.SpoolFixtures.await;
import static io.github.directdelivery.spring.SpoolFixtures.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.testkit.FakeInternet;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

class SpoolMetricsTest {

    private static final List<String> GAUGES = List.of(
            SpoolGauges.MESSAGES,
            SpoolGauges.PENDING_RECIPIENTS,
            SpoolGauges.IN_FLIGHT,
            SpoolGauges.OLDEST_MESSAGE_AGE,
            SpoolGauges.QUARANTINED_FILES);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DirectDeliveryAutoConfiguration.class, DirectDeliveryMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    private final QueueEvents events = new QueueEvents();
    private FakeInternet internet;
    private Path spool;

    @BeforeEach
    void startInternet(@TempDir Path directory) throws IOException {
        internet = FakeInternet.start();
        internet.mx("example.org", "mx.example.org", server -> server.onRecipient(
                        "bob@example.org", "550 5.1.1 No such user")
                .onRecipient("dave@example.org", "451 4.7.1 Try again later"));
        spool = directory.resolve("spool");
    }

    @AfterEach
    void stopInternet() {
        internet.close();
    }

    @Test
    void metricsExistInSubmitMode() {
        submitRunner().run(context -> {
            assertThat(context).hasSingleBean(SpoolMetrics.class);
            assertThat(context).hasSingleBean(SpoolGauges.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (String gauge : GAUGES) {
                assertThat(registry.find(gauge).meter()).as(gauge).isNotNull();
            }
            assertThat(registry.get(SpoolMetrics.RECIPIENTS).counters()).hasSize(4);
        });
    }

    @Test
    void metricsAbsentInSendMode() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            assertThat(context).hasSingleBean(DeliveryMetrics.class);
            assertThat(context).doesNotHaveBean(SpoolMetrics.class);
            assertThat(context).doesNotHaveBean(SpoolGauges.class);
        });
    }

    @Test
    void valuesAfterDelivery() {
        submitRunner().run(context -> {
            DurableDelivery queue = context.getBean(DurableDelivery.class);
            submit(queue, "alice@example.org", "carol@example.org");
            events.await("completed");
            await("an empty spool", () -> queue.stats().messages() == 0);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(recipients(registry, "delivered")).isEqualTo(2.0);
            assertThat(recipients(registry, "deferred")).isZero();
            assertThat(recipients(registry, "failed")).isZero();
            assertThat(recipients(registry, "expired")).isZero();
            assertThat(gauge(registry, SpoolGauges.MESSAGES)).isZero();
            assertThat(gauge(registry, SpoolGauges.PENDING_RECIPIENTS)).isZero();
            assertThat(gauge(registry, SpoolGauges.IN_FLIGHT)).isZero();
            assertThat(oldestAgeSeconds(registry)).isZero();
        });
    }

    @Test
    void valuesAfterDeferral() {
        submitRunner().run(context -> {
            DurableDelivery queue = context.getBean(DurableDelivery.class);
            submit(queue, "alice@example.org", "bob@example.org", "dave@example.org");
            events.await("deferred dave@example.org");
            await("no delivery in flight", () -> queue.stats().inFlight() == 0);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(recipients(registry, "delivered")).isEqualTo(1.0);
            assertThat(recipients(registry, "failed")).isEqualTo(1.0);
            assertThat(recipients(registry, "deferred")).isEqualTo(1.0);
            assertThat(gauge(registry, SpoolGauges.MESSAGES)).isEqualTo(1.0);
            assertThat(gauge(registry, SpoolGauges.PENDING_RECIPIENTS)).isEqualTo(1.0);
            assertThat(gauge(registry, SpoolGauges.IN_FLIGHT)).isZero();
            // The client's meters count each attempt of the spool too.
            assertThat(registry.get(DeliveryMetrics.RECIPIENTS)
                            .tag("status", "deferred")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
        });
    }

    @Test
    void quarantinedFileCounted() throws IOException {
        Files.createDirectories(spool.resolve("messages"));
        Files.writeString(spool.resolve("messages").resolve("Notes.txt"), "not a spool file");

        submitRunner().run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(SpoolMetrics.QUARANTINES).counter().count()).isEqualTo(1.0);
            assertThat(gauge(registry, SpoolGauges.QUARANTINED_FILES)).isEqualTo(1.0);
        });
    }

    @Test
    void oldestAgeFollowsTheSpoolClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("test.own-spool=" + spool)
                .withBean(MutableClock.class, () -> clock)
                .withUserConfiguration(MeteredSpoolConfiguration.class)
                .run(context -> {
                    DurableDelivery queue = context.getBean(DurableDelivery.class);
                    submit(queue, "dave@example.org");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    await("a deferral", () -> recipients(registry, "deferred") == 1.0);

                    clock.advance(Duration.ofSeconds(90));

                    assertThat(oldestAgeSeconds(registry)).isEqualTo(90.0);
                    assertThat(gauge(registry, SpoolGauges.PENDING_RECIPIENTS)).isEqualTo(1.0);
                });
    }

    @Test
    void tagsStayLowCardinality() {
        submitRunner().run(context -> {
            DurableDelivery queue = context.getBean(DurableDelivery.class);
            submit(queue, "alice@example.org", "bob@example.org", "dave@example.org", "erin@example.org");
            events.await("deferred dave@example.org");

            for (Meter meter : context.getBean(MeterRegistry.class).getMeters()) {
                String name = meter.getId().getName();
                if (!name.startsWith("directdelivery.spool.")) {
                    continue;
                }
                List<Tag> tags = meter.getId().getTags();
                if (name.equals(SpoolMetrics.RECIPIENTS)) {
                    assertThat(tags).extracting(Tag::getKey).containsExactly("outcome");
                    assertThat(Set.of("delivered", "deferred", "failed", "expired"))
                            .contains(tags.get(0).getValue());
                } else {
                    assertThat(tags).as(name).isEmpty();
                }
            }
        });
    }

    private ApplicationContextRunner submitRunner() {
        return runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.mode=submit", "direct-delivery.spool.directory=" + spool)
                .withBean(QueueEvents.class, () -> events);
    }

    private static double recipients(MeterRegistry registry, String outcome) {
        return registry.get(SpoolMetrics.RECIPIENTS)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static double oldestAgeSeconds(MeterRegistry registry) {
        return registry.get(SpoolGauges.OLDEST_MESSAGE_AGE).timeGauge().value(TimeUnit.SECONDS);
    }

    /** An application's own spool, on a clock the test moves, with the starter's metrics installed. */
    @Configuration(proxyBeanMethods = false)
    static class MeteredSpoolConfiguration {
        @Bean(destroyMethod = "close")
        DurableDelivery ownSpool(
                DirectDelivery client, MutableClock clock, SpoolMetrics metrics, Environment environment) {
            return DurableDelivery.builder(client, Path.of(environment.getRequiredProperty("test.own-spool")))
                    .clock(clock)
                    .listener(metrics)
                    .build();
        }
    }
}
