package io.github.directdelivery.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.TlsPolicy;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DirectDeliveryHealthTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DirectDeliveryAutoConfiguration.class, DirectDeliveryHealthAutoConfiguration.class));

    private FakeInternet internet;
    private ScriptedSmtpServer mx;

    @BeforeEach
    void startInternet() throws IOException {
        internet = FakeInternet.start();
        mx = internet.mx(
                "example.org",
                "mx.example.org",
                server -> server.onRecipient("bob@example.org", "550 5.1.1 No such user"));
        internet.unreachableMx("example.net", "mx.example.net");
    }

    @AfterEach
    void stopInternet() {
        internet.close();
    }

    @Test
    void indicatorExistsWithHealthSupport() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            assertThat(context).hasSingleBean(DirectDeliveryHealthIndicator.class);
            assertThat(context).hasBean("directDeliveryHealthIndicator");
        });
    }

    @Test
    void indicatorAbsentWithoutHealthSupport() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> {
                    assertThat(context).hasSingleBean(DirectDelivery.class);
                    assertThat(context).doesNotHaveBean(DirectDeliveryHealthIndicator.class);
                });
    }

    @Test
    void indicatorOffByProperty() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("management.health.directdelivery.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DirectDeliveryHealthIndicator.class));
    }

    @Test
    void applicationIndicatorWins() {
        HealthIndicator own = () -> Health.up().build();
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withBean("directDeliveryHealthIndicator", HealthIndicator.class, () -> own)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(DirectDeliveryHealthIndicator.class);
                    assertThat(context.getBean("directDeliveryHealthIndicator")).isSameAs(own);
                });
    }

    @Test
    void upWithSettingsAndCounts() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            context.getBean(DirectDelivery.class)
                    .send(
                            Envelope.of(
                                    "app@example.test", "alice@example.org", "bob@example.org", "carol@example.net"),
                            MessageSource.ofString(DirectDeliveryAutoConfigurationTest.MESSAGE));

            Health health = context.getBean(DirectDeliveryHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            Map<String, Object> details = health.getDetails();
            assertThat(details).containsEntry("heloName", "app.example.test");
            assertThat(details).containsEntry("tlsPolicy", TlsPolicy.OPPORTUNISTIC);
            assertThat(details).containsEntry("smtpPort", mx.port());
            assertThat(details)
                    .containsEntry(
                            "dnsServer", "127.0.0.1:" + internet.dns().address().getPort());
            assertThat(details).containsEntry("allowLocalDestinations", true);
            assertThat(details).containsEntry("fallbackRelay", "(none)");
            @SuppressWarnings("unchecked")
            Map<String, Object> recipients = (Map<String, Object>) details.get("recipients");
            assertThat(recipients).containsEntry("total", Map.of("delivered", 1L, "deferred", 1L, "failed", 1L));
            assertThat(recipients).containsEntry("recent", Map.of("delivered", 1L, "deferred", 1L, "failed", 1L));
            assertThat(recipients).containsKey("lastCompleted");
        });
    }

    @Test
    void checkSendsNoNetworkTraffic() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            internet.dns().clearQueries();

            Health health = context.getBean(DirectDeliveryHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(internet.dns().queries()).isEmpty();
            assertThat(mx.connections()).isEmpty();
        });
    }

    @Test
    void downWhenClientClosed() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            context.getBean(DirectDelivery.class).close();

            Health health = context.getBean(DirectDeliveryHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(health.getDetails().get("error"))).contains("closed");
        });
    }

    @Test
    void downWhenLocalAddressUnassigned() {
        // 192.0.2.1 is a documentation address (RFC 5737), assigned to no interface here.
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.local-ipv4-address=192.0.2.1")
                .run(context -> {
                    Health health =
                            context.getBean(DirectDeliveryHealthIndicator.class).health();

                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(String.valueOf(health.getDetails().get("error")))
                            .contains("192.0.2.1")
                            .contains("direct-delivery.local-ipv4-address");
                });
    }

    @Test
    void upWithAssignedLocalAddress() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.local-ipv4-address=127.0.0.1")
                .run(context -> assertThat(context.getBean(DirectDeliveryHealthIndicator.class)
                                .health()
                                .getStatus())
                        .isEqualTo(Status.UP));
    }

    @Test
    void indicatorReportsApplicationClientClosed() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withUserConfiguration(DirectDeliveryAutoConfigurationTest.OwnClientConfiguration.class)
                .run(context -> {
                    DirectDelivery own = context.getBean(DirectDelivery.class);
                    DirectDeliveryHealthIndicator indicator = context.getBean(DirectDeliveryHealthIndicator.class);
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

                    own.close();

                    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
                });
    }
}
