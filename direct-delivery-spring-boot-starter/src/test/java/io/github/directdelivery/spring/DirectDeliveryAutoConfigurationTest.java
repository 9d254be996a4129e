package io.github.directdelivery.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.AddressPreference;
import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.MxResolver;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.RetrySchedule;
import io.github.directdelivery.RetrySettings;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.TlsPolicy;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class DirectDeliveryAutoConfigurationTest {

    static final String MESSAGE =
            "From: app@example.test\r\nTo: alice@example.org\r\nSubject: Hello\r\n\r\nHello Alice\r\n";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DirectDeliveryAutoConfiguration.class));

    private FakeInternet internet;

    @BeforeEach
    void startInternet() throws IOException {
        internet = FakeInternet.start();
    }

    @AfterEach
    void stopInternet() {
        internet.close();
    }

    @Test
    void defaultsAreTheCoreDefaults() {
        runner.withPropertyValues("direct-delivery.helo-name=app.example.test").run(context -> {
            assertThat(context).hasSingleBean(DirectDelivery.class);
            assertThat(context).hasSingleBean(RecentDeliveries.class);
            DirectDeliveryProperties properties = context.getBean(DirectDeliveryProperties.class);

            DirectDeliveryProperties.Timeouts timeouts = properties.getTimeouts();
            assertThat(new SmtpTimeouts(
                            timeouts.getConnect(),
                            timeouts.getGreeting(),
                            timeouts.getCommand(),
                            timeouts.getTlsHandshake(),
                            timeouts.getMail(),
                            timeouts.getRcpt(),
                            timeouts.getDataStart(),
                            timeouts.getDataBlock(),
                            timeouts.getDataEnd(),
                            timeouts.getWrite()))
                    .isEqualTo(SmtpTimeouts.defaults());
            DirectDeliveryProperties.Retry retry = properties.getRetry();
            assertThat(new RetrySettings(
                            retry.getMaxAttempts(),
                            retry.getInitialInterval(),
                            retry.getMultiplier(),
                            retry.getRandomizationFactor(),
                            retry.isRetryTransientReplies()))
                    .isEqualTo(RetrySettings.defaults());
            assertThat(properties.getDns().getTimeout()).isEqualTo(MxResolver.DEFAULT_TIMEOUT);
            assertThat(properties.getDns().getRetries()).isEqualTo(MxResolver.DEFAULT_RETRIES);
            assertThat(properties.getDns().getServer()).isNull();
            assertThat(properties.getSmtpPort()).isEqualTo(25);
            assertThat(properties.getTlsPolicy()).isEqualTo(TlsPolicy.OPPORTUNISTIC);
            assertThat(properties.getAddressPreference()).isEqualTo(AddressPreference.IPV4_FIRST);
            assertThat(properties.isAllowLocalDestinations()).isFalse();
            assertThat(properties.getSendTimeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.getFallbackRelay().getHost()).isNull();
            assertThat(properties.getFallbackRelay().getTlsPolicy()).isEqualTo(TlsPolicy.VERIFIED);
            assertThat(properties.getMode()).isEqualTo(DeliveryMode.SEND);
            DirectDeliveryProperties.Spool spool = properties.getSpool();
            RetrySchedule schedule = RetrySchedule.defaults();
            assertThat(spool.getDirectory()).isNull();
            assertThat(spool.getFirstRetry()).isEqualTo(schedule.firstRetry());
            assertThat(spool.getMaxRetryInterval()).isEqualTo(schedule.maxInterval());
            assertThat(spool.getMaxLifetime()).isEqualTo(schedule.maxLifetime());
            assertThat(spool.getDelayNoticeAfter()).isNull();
            assertThat(spool.getConcurrency()).isEqualTo(8);
            assertThat(spool.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(spool.isRelayPendingOnClose()).isFalse();
        });
    }

    @Test
    void everyPropertyBinds() {
        runner.withPropertyValues(
                        "direct-delivery.helo-name=mail.example.test",
                        "direct-delivery.local-ipv4-address=127.0.0.1",
                        "direct-delivery.local-ipv6-address=::1",
                        "direct-delivery.address-preference=ipv6-first",
                        "direct-delivery.tls-policy=required",
                        "direct-delivery.smtp-port=2525",
                        "direct-delivery.allow-local-destinations=true",
                        "direct-delivery.send-timeout=2m",
                        "direct-delivery.default-sender=robot@example.test",
                        "direct-delivery.dns.server=[::1]:5353",
                        "direct-delivery.dns.timeout=2s",
                        "direct-delivery.dns.retries=3",
                        "direct-delivery.timeouts.connect=1s",
                        "direct-delivery.timeouts.greeting=2s",
                        "direct-delivery.timeouts.command=3s",
                        "direct-delivery.timeouts.tls-handshake=4s",
                        "direct-delivery.timeouts.mail=5s",
                        "direct-delivery.timeouts.rcpt=6s",
                        "direct-delivery.timeouts.data-start=7s",
                        "direct-delivery.timeouts.data-block=8s",
                        "direct-delivery.timeouts.data-end=9s",
                        "direct-delivery.timeouts.write=10s",
                        "direct-delivery.retry.max-attempts=5",
                        "direct-delivery.retry.initial-interval=250ms",
                        "direct-delivery.retry.multiplier=1.5",
                        "direct-delivery.retry.randomization-factor=0.25",
                        "direct-delivery.retry.retry-transient-replies=true",
                        "direct-delivery.fallback-relay.host=relay.example.test",
                        "direct-delivery.fallback-relay.port=2465",
                        "direct-delivery.fallback-relay.implicit-tls=true",
                        "direct-delivery.fallback-relay.tls-policy=required",
                        "direct-delivery.fallback-relay.username=app",
                        "direct-delivery.fallback-relay.password=secret")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DirectDeliveryProperties properties = context.getBean(DirectDeliveryProperties.class);
                    assertThat(properties.getHeloName()).isEqualTo("mail.example.test");
                    assertThat(properties.getLocalIpv4Address()).isEqualTo("127.0.0.1");
                    assertThat(properties.getLocalIpv6Address()).isEqualTo("::1");
                    assertThat(properties.getAddressPreference()).isEqualTo(AddressPreference.IPV6_FIRST);
                    assertThat(properties.getTlsPolicy()).isEqualTo(TlsPolicy.REQUIRED);
                    assertThat(properties.getSmtpPort()).isEqualTo(2525);
                    assertThat(properties.isAllowLocalDestinations()).isTrue();
                    assertThat(properties.getSendTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(properties.getDefaultSender()).isEqualTo("robot@example.test");
                    assertThat(properties.getDns().getServer()).isEqualTo("[::1]:5353");
                    assertThat(properties.getDns().getTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getDns().getRetries()).isEqualTo(3);
                    DirectDeliveryProperties.Timeouts timeouts = properties.getTimeouts();
                    assertThat(List.of(
                                    timeouts.getConnect(),
                                    timeouts.getGreeting(),
                                    timeouts.getCommand(),
                                    timeouts.getTlsHandshake(),
                                    timeouts.getMail(),
                                    timeouts.getRcpt(),
                                    timeouts.getDataStart(),
                                    timeouts.getDataBlock(),
                                    timeouts.getDataEnd(),
                                    timeouts.getWrite()))
                            .extracting(Duration::toSeconds)
                            .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
                    DirectDeliveryProperties.Retry retry = properties.getRetry();
                    assertThat(retry.getMaxAttempts()).isEqualTo(5);
                    assertThat(retry.getInitialInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(retry.getMultiplier()).isEqualTo(1.5);
                    assertThat(retry.getRandomizationFactor()).isEqualTo(0.25);
                    assertThat(retry.isRetryTransientReplies()).isTrue();
                    DirectDeliveryProperties.FallbackRelay relay = properties.getFallbackRelay();
                    assertThat(relay.getHost()).isEqualTo("relay.example.test");
                    assertThat(relay.getPort()).isEqualTo(2465);
                    assertThat(relay.isImplicitTls()).isTrue();
                    assertThat(relay.getTlsPolicy()).isEqualTo(TlsPolicy.REQUIRED);
                    assertThat(relay.getUsername()).isEqualTo("app");
                    assertThat(relay.getPassword()).isEqualTo("secret");
                });
    }

    @Test
    void clientUsesTheConfiguredNetwork() throws IOException {
        ScriptedSmtpServer mx = internet.mx("example.org", "mx.example.org");

        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            DirectDelivery client = context.getBean(DirectDelivery.class);
            DeliveryReport report =
                    client.send(Envelope.of("app@example.test", "alice@example.org"), MessageSource.ofString(MESSAGE));

            assertThat(report.results()).extracting(RecipientResult::status).containsExactly(DeliveryStatus.DELIVERED);
            assertThat(mx.messages()).hasSize(1);
            assertThat(mx.connections().get(0).commands()).contains("EHLO app.example.test");
        });
    }

    @Test
    void applicationListenersGetEvents() throws IOException {
        internet.mx("example.org", "mx.example.org");

        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withUserConfiguration(RecordingListenerConfiguration.class)
                .run(context -> {
                    context.getBean(DirectDelivery.class)
                            .send(
                                    Envelope.of("app@example.test", "alice@example.org"),
                                    MessageSource.ofString(MESSAGE));

                    RecordingListener listener = context.getBean(RecordingListener.class);
                    assertThat(listener.completed).containsExactly("alice@example.org DELIVERED");
                    RecentDeliveries recent = context.getBean(RecentDeliveries.class);
                    assertThat(recent.total().delivered()).isEqualTo(1);
                });
    }

    @Test
    void applicationClientWins() {
        runner.withPropertyValues("direct-delivery.helo-name=app.example.test")
                .withUserConfiguration(OwnClientConfiguration.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(DirectDelivery.class);
                    assertThat(context).hasBean("ownClient");
                    assertThat(context).doesNotHaveBean("directDelivery");
                });
    }

    @Test
    void applicationRecentDeliveriesWin() {
        runner.withPropertyValues("direct-delivery.helo-name=app.example.test")
                .withBean("ownCounts", RecentDeliveries.class, () -> new RecentDeliveries(5))
                .run(context -> {
                    assertThat(context).hasSingleBean(RecentDeliveries.class);
                    assertThat(context.getBean(RecentDeliveries.class).windowSize())
                            .isEqualTo(5);
                });
    }

    @Test
    void clientClosesWithTheContext() {
        DirectDelivery[] client = new DirectDelivery[1];
        runner.withPropertyValues("direct-delivery.helo-name=app.example.test").run(context -> {
            client[0] = context.getBean(DirectDelivery.class);
            assertThat(client[0].isClosed()).isFalse();
        });

        assertThat(client[0].isClosed()).isTrue();
    }

    static final class RecordingListener implements DeliveryListener {
        final List<String> completed = new CopyOnWriteArrayList<>();

        @Override
        public void recipientCompleted(RecipientResult result) {
            completed.add(result.recipient() + " " + result.status());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingListenerConfiguration {
        @Bean
        RecordingListener recordingListener() {
            return new RecordingListener();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClientConfiguration {
        @Bean(destroyMethod = "close")
        DirectDelivery ownClient() {
            return DirectDelivery.builder()
                    .heloName("own.example.test")
                    .dnsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53))
                    .build();
        }
    }
}
