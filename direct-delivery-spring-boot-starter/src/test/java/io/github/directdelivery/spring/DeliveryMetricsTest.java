package io.github.directdelivery.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.testkit.FakeInternet;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DeliveryMetricsTest {

    private static final Map<String, Set<String>> ALLOWED_TAGS = Map.of(
            "status", Set.of("delivered", "deferred", "failed"),
            "reply.class", Set.of("2xx", "3xx", "4xx", "5xx", "none"),
            "relayed", Set.of("true", "false"),
            "outcome", Set.of("delivered", "partial", "rejected", "resolved", "deferred", "failed"));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DirectDeliveryAutoConfiguration.class, DirectDeliveryMetricsAutoConfiguration.class));

    private FakeInternet internet;

    @BeforeEach
    void startInternet() throws IOException {
        internet = FakeInternet.start();
        internet.mx(
                "example.org",
                "mx.example.org",
                server -> server.onRecipient("bob@example.org", "550 5.1.1 No such user"));
        internet.unreachableMx("example.net", "mx.example.net");
        internet.dns().nullMx("nomail.example");
    }

    @AfterEach
    void stopInternet() {
        internet.close();
    }

    @Test
    void metricsExistWithRegistry() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(DeliveryMetrics.class));
    }

    @Test
    void metricsAbsentWithoutRegistry() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .run(context -> assertThat(context).doesNotHaveBean(DeliveryMetrics.class));
    }

    @Test
    void metricsAbsentWithoutMicrometer() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withClassLoader(new FilteredClassLoader("io.micrometer.core"))
                .run(context -> {
                    assertThat(context).hasSingleBean(DirectDelivery.class);
                    assertThat(context).doesNotHaveBean(DeliveryMetrics.class);
                });
    }

    @Test
    void metricsUseSpringBootsRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class,
                        DirectDeliveryAutoConfiguration.class,
                        DirectDeliveryMetricsAutoConfiguration.class))
                .withPropertyValues(FakeInternetProperties.of(internet))
                .run(context -> {
                    assertThat(context).hasSingleBean(DeliveryMetrics.class);
                    send(context.getBean(DirectDelivery.class), "alice@example.org");

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get(DeliveryMetrics.RECIPIENTS)
                                    .tag("status", "delivered")
                                    .counter()
                                    .count())
                            .isEqualTo(1.0);
                });
    }

    @Test
    void recipientsCountedByOutcomeAndReplyClass() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    send(
                            context.getBean(DirectDelivery.class),
                            "alice@example.org",
                            "bob@example.org",
                            "carol@example.net",
                            "dave@nomail.example");

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(recipients(registry, "delivered", "2xx")).isEqualTo(1.0);
                    assertThat(recipients(registry, "failed", "5xx")).isEqualTo(1.0);
                    assertThat(recipients(registry, "deferred", "none")).isEqualTo(1.0);
                    assertThat(recipients(registry, "failed", "none")).isEqualTo(1.0);
                    assertThat(registry.get(DeliveryMetrics.TRANSACTIONS)
                                    .tag("outcome", "partial")
                                    .timer()
                                    .count())
                            .isEqualTo(1);
                    assertThat(registry.get(DeliveryMetrics.RESOLUTIONS)
                                    .tag("outcome", "resolved")
                                    .timer()
                                    .count())
                            .isEqualTo(2);
                    assertThat(registry.get(DeliveryMetrics.RESOLUTIONS)
                                    .tag("outcome", "failed")
                                    .timer()
                                    .count())
                            .isEqualTo(1);
                });
    }

    @Test
    void tagsStayLowCardinality() {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String domain = "d" + i + ".example";
            String host = "mx" + i + ".d" + i + ".example";
            internet.dns().mx(domain, 10, host).a(host, "127.0.0.2");
            recipients.add("user" + i + "@" + domain);
        }
        recipients.add("bob@example.org");
        recipients.add("carol@example.net");

        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    send(context.getBean(DirectDelivery.class), recipients.toArray(String[]::new));

                    List<Meter> meters = context.getBean(MeterRegistry.class).getMeters();
                    assertThat(meters).isNotEmpty();
                    for (Meter meter : meters) {
                        for (Tag tag : meter.getId().getTags()) {
                            assertThat(ALLOWED_TAGS).containsKey(tag.getKey());
                            assertThat(ALLOWED_TAGS.get(tag.getKey())).contains(tag.getValue());
                        }
                    }
                    assertThat(meters.stream()
                                    .filter(meter -> meter.getId().getName().equals(DeliveryMetrics.RECIPIENTS)))
                            .hasSize(3);
                });
    }

    private static double recipients(MeterRegistry registry, String status, String replyClass) {
        return registry.get(DeliveryMetrics.RECIPIENTS)
                .tag("status", status)
                .tag("reply.class", replyClass)
                .tag("relayed", "false")
                .counter()
                .count();
    }

    private static void send(DirectDelivery client, String... recipients) {
        client.send(
                Envelope.of("app@example.test", recipients),
                MessageSource.ofString(DirectDeliveryAutoConfigurationTest.MESSAGE));
    }
}
