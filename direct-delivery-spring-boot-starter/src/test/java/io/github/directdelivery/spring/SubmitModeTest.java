package io.github.directdelivery.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.QueueStats;
import io.github.directdelivery.spring.internal.InvalidPropertyException;
import io.github.directdelivery.spring.internal.InvalidPropertyFailureAnalyzer;
import io.github.directdelivery.spring.internal.SpoolInUseFailureAnalyzer;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

class SubmitModeTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(MailSenderAutoConfiguration.class, DirectDeliveryAutoConfiguration.class));

    private final QueueEvents events = new QueueEvents();
    private FakeInternet internet;
    private ScriptedSmtpServer mx;
    private Path temporary;
    private Path spool;

    @BeforeEach
    void startInternet(@TempDir Path directory) throws IOException {
        temporary = directory;
        internet = FakeInternet.start();
        mx = internet.mx("example.org", "mx.example.org", server -> server.onRecipient(
                        "bob@example.org", "550 5.1.1 No such user")
                .onRecipient("dave@example.org", "451 4.7.1 Try again later"));
        spool = temporary.resolve("spool");
    }

    @AfterEach
    void stopInternet() {
        internet.close();
    }

    @Test
    void submitModeCreatesSpool() {
        submitRunner().run(context -> {
            assertThat(context).hasSingleBean(DurableDelivery.class);
            assertThat(context).hasBean("directDeliverySpool");
            assertThat(context.getBean(DirectDeliveryMailSender.class).mode()).isEqualTo(DeliveryMode.SUBMIT);
            assertThat(spool.resolve("messages")).isDirectory();
        });
    }

    @Test
    void modeIgnoresLetterCase() {
        submitRunner().withPropertyValues("direct-delivery.mode=SUBMIT").run(context -> assertThat(context)
                .hasSingleBean(DurableDelivery.class));
    }

    @Test
    void unknownModeStopsStartup() {
        submitRunner().withPropertyValues("direct-delivery.mode=later").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("direct-delivery.mode");
        });
    }

    @Test
    void spoolInUseStopsSecondContext() {
        submitRunner().run(first -> {
            assertThat(first).hasNotFailed();

            submitRunner().run(second -> {
                assertThat(second).hasFailed();
                FailureAnalysis analysis =
                        new SpoolInUseFailureAnalyzer().analyze(Objects.requireNonNull(second.getStartupFailure()));
                assertThat(analysis).isNotNull();
                assertThat(Objects.requireNonNull(analysis).getDescription())
                        .startsWith("The spool directory '" + spool + "' (direct-delivery.spool.directory) is in use"
                                + " by another queue");
                assertThat(analysis.getAction())
                        .isEqualTo("Set 'direct-delivery.spool.directory' to a directory that no other instance"
                                + " uses, or stop the other instance that uses '" + spool + "'.");
            });
        });
    }

    @Test
    void spoolInUseAnalyzerIsRegistered() {
        // Spring Boot's own analyzers need constructor arguments that only an application passes.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, null, (type, name, failure) -> {});

        assertThat(analyzers).hasAtLeastOneElementOfType(SpoolInUseFailureAnalyzer.class);
        assertThat(analyzers).hasAtLeastOneElementOfType(InvalidPropertyFailureAnalyzer.class);
    }

    @Test
    void sendModeCreatesNoSpool() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            assertThat(context).doesNotHaveBean(DurableDelivery.class);
            assertThat(context.getBean(DirectDeliveryMailSender.class).mode()).isEqualTo(DeliveryMode.SEND);
        });
    }

    @Test
    void spoolPropertyInSendModeStopsStartup() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.spool.directory=" + spool)
                .run(context -> {
                    assertThat(context).hasFailed();
                    InvalidPropertyException invalid = invalidProperty(context.getStartupFailure());
                    assertThat(invalid.property()).isEqualTo("direct-delivery.spool.directory");

                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .contains("'direct-delivery.spool.directory'")
                            .contains("spool properties apply only in submit mode");
                    assertThat(analysis.getAction())
                            .isEqualTo("Set 'direct-delivery.mode=submit' to deliver through a durable spool, or"
                                    + " remove 'direct-delivery.spool.directory' to send at once.");
                    assertThat(spool).doesNotExist();
                });
    }

    @Test
    void anySpoolPropertyInSendModeStopsStartup() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.spool.max-lifetime=1d")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(invalidProperty(context.getStartupFailure()).property())
                            .isEqualTo("direct-delivery.spool.max-lifetime");
                });
    }

    @Test
    void mailSenderDeliversThroughSpool() {
        submitRunner().run(context -> {
            context.getBean(JavaMailSender.class).send(TestMail.simple("alice@example.org"));

            events.await("completed");
            assertThat(events.events()).containsExactly("submitted", "delivered alice@example.org", "completed");
            assertThat(mx.messages()).hasSize(1);
            assertThat(mx.messages().get(0).recipients()).containsExactly("alice@example.org");
            assertThat(mx.messages().get(0).contentText()).contains("Subject: Hello");
            assertThat(files("messages")).isEmpty();
        });
    }

    @Test
    void deferredMessageStaysInSpool() {
        submitRunner().run(context -> {
            // In send mode this message would end in a MailSendException; here it is accepted.
            context.getBean(JavaMailSender.class).send(TestMail.simple("dave@example.org"));

            assertThat(files("messages")).hasSize(1);
            events.await("deferred dave@example.org");
            QueueStats stats = context.getBean(DurableDelivery.class).stats();
            assertThat(stats.messages()).isEqualTo(1);
            assertThat(stats.pendingRecipients()).isEqualTo(1);
        });
    }

    @Test
    void failedRecipientIsNoSendFailure() {
        submitRunner().run(context -> {
            assertThatCode(() -> context.getBean(JavaMailSender.class).send(TestMail.simple("bob@example.org")))
                    .doesNotThrowAnyException();

            events.await("failed bob@example.org");
        });
    }

    @Test
    void messageWithoutRecipientsIsNotStored() {
        submitRunner().run(context -> {
            JavaMailSender sender = context.getBean(JavaMailSender.class);
            MimeMessage message = sender.createMimeMessage();
            message.setFrom("app@example.test");
            message.setText("Nobody");

            MailSendException thrown = TestMail.catchMailSendException(() -> sender.send(message));

            assertThat(thrown.getFailedMessages().get(message)).isInstanceOf(MessagingException.class);
            assertThat(files("messages")).isEmpty();
            assertThat(events.events()).isEmpty();
        });
    }

    @Test
    void malformedAddressFailsAsInSendMode() {
        Class<?>[] failures = new Class<?>[2];
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            failures[0] = failureOfMalformedAddress(context.getBean(JavaMailSender.class));
        });
        submitRunner().run(context -> {
            failures[1] = failureOfMalformedAddress(context.getBean(JavaMailSender.class));
            assertThat(files("messages")).isEmpty();
        });

        assertThat(failures[0]).isEqualTo(AddressException.class);
        assertThat(failures[1]).isEqualTo(failures[0]);
        assertThat(mx.connections()).isEmpty();
    }

    private static Class<?> failureOfMalformedAddress(JavaMailSender sender) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        message.setFrom("app@example.test");
        message.setHeader("To", "alice@example.org@example.org");
        message.setText("Hello");

        MailSendException thrown = TestMail.catchMailSendException(() -> sender.send(message));

        return Objects.requireNonNull(thrown.getFailedMessages().get(message)).getClass();
    }

    @Test
    void closedSpoolFailsEveryMessage() {
        submitRunner().run(context -> {
            context.getBean(DurableDelivery.class).close();
            SimpleMailMessage first = TestMail.simple("alice@example.org");
            SimpleMailMessage second = TestMail.simple("carol@example.org");

            MailSendException thrown = TestMail.catchMailSendException(
                    () -> context.getBean(JavaMailSender.class).send(first, second));

            assertThat(thrown.getFailedMessages()).containsOnlyKeys(first, second);
            assertThat(thrown.getFailedMessages().get(first)).isInstanceOf(IllegalStateException.class);
            assertThat(mx.connections()).isEmpty();
        });
    }

    @Test
    void missingDirectoryStopsStartup() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.mode=submit")
                .run(context -> {
                    assertThat(context).hasFailed();
                    InvalidPropertyException invalid = invalidProperty(context.getStartupFailure());
                    assertThat(invalid.property()).isEqualTo("direct-delivery.spool.directory");
                    assertThat(invalid.value()).isNull();

                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .startsWith("The property 'direct-delivery.spool.directory' is missing");
                    assertThat(analysis.getAction()).contains("Set 'direct-delivery.spool.directory'");
                });
    }

    @Test
    void fileAsDirectoryStopsStartup() throws IOException {
        Path file = Files.writeString(temporary.resolve("not-a-directory"), "text");

        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.mode=submit", "direct-delivery.spool.directory=" + file)
                .run(context -> {
                    InvalidPropertyException invalid = invalidProperty(context.getStartupFailure());
                    assertThat(invalid.property()).isEqualTo("direct-delivery.spool.directory");
                    assertThat(invalid.value()).isEqualTo(file.toString());

                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains(file + " exists and is not a directory");
                    assertThat(analysis.getDescription()).doesNotContain("FileAlreadyExistsException");
                    assertThat(analysis.getAction())
                            .isEqualTo("Set 'direct-delivery.spool.directory' to a directory that this process can"
                                    + " create and write. Submit mode has no default spool directory.");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            direct-delivery.spool.first-retry=0s              | direct-delivery.spool.first-retry
            direct-delivery.spool.max-retry-interval=1m       | direct-delivery.spool.max-retry-interval
            direct-delivery.spool.max-lifetime=-1s            | direct-delivery.spool.max-lifetime
            direct-delivery.spool.delay-notice-after=0s       | direct-delivery.spool.delay-notice-after
            direct-delivery.spool.concurrency=0               | direct-delivery.spool.concurrency
            direct-delivery.spool.shutdown-timeout=-1s        | direct-delivery.spool.shutdown-timeout
            direct-delivery.spool.relay-pending-on-close=true | direct-delivery.spool.relay-pending-on-close
            """)
    void invalidSpoolValueStopsStartup(String property, String expectedProperty) {
        submitRunner().withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(invalidProperty(context.getStartupFailure()).property()).isEqualTo(expectedProperty);
            assertThat(analyze(context.getStartupFailure()).getDescription()).contains("'" + expectedProperty + "'");
        });
    }

    @Test
    void everySpoolPropertyBinds() {
        submitRunner()
                .withPropertyValues(
                        "direct-delivery.spool.first-retry=2m",
                        "direct-delivery.spool.max-retry-interval=2h",
                        "direct-delivery.spool.max-lifetime=3d",
                        "direct-delivery.spool.delay-notice-after=4h",
                        "direct-delivery.spool.concurrency=3",
                        "direct-delivery.spool.shutdown-timeout=5s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DirectDeliveryProperties.Spool properties =
                            context.getBean(DirectDeliveryProperties.class).getSpool();
                    assertThat(properties.getDirectory()).isEqualTo(spool);
                    assertThat(properties.getFirstRetry()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(properties.getMaxRetryInterval()).isEqualTo(Duration.ofHours(2));
                    assertThat(properties.getMaxLifetime()).isEqualTo(Duration.ofDays(3));
                    assertThat(properties.getDelayNoticeAfter()).isEqualTo(Duration.ofHours(4));
                    assertThat(properties.getConcurrency()).isEqualTo(3);
                    assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.isRelayPendingOnClose()).isFalse();
                });
    }

    @Test
    void firstRetryFollowsProperty() {
        submitRunner()
                .withPropertyValues("direct-delivery.spool.first-retry=30m")
                .run(context -> {
                    Instant submitted = Instant.now();
                    context.getBean(JavaMailSender.class).send(TestMail.simple("dave@example.org"));
                    events.await("deferred dave@example.org");

                    // The first pause is 30 minutes with 50 % jitter; the default would be 5 minutes.
                    assertThat(events.nextAttempt("dave@example.org"))
                            .isBetween(
                                    submitted.plus(Duration.ofMinutes(15)),
                                    Instant.now().plus(Duration.ofMinutes(45)));
                });
    }

    @Test
    void maxLifetimeBoundsNextAttempt() {
        submitRunner()
                .withPropertyValues("direct-delivery.spool.first-retry=30m", "direct-delivery.spool.max-lifetime=10m")
                .run(context -> {
                    Instant submitted = Instant.now();
                    context.getBean(JavaMailSender.class).send(TestMail.simple("dave@example.org"));
                    events.await("deferred dave@example.org");

                    // The last attempt is due when the lifetime ends, before the first pause would.
                    assertThat(events.nextAttempt("dave@example.org"))
                            .isBetween(
                                    submitted.plus(Duration.ofMinutes(10)),
                                    Instant.now().plus(Duration.ofMinutes(10)));
                });
    }

    @Test
    void applicationSpoolWins() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.mode=submit", "test.own-spool=" + spool)
                .withUserConfiguration(OwnSpoolConfiguration.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(DurableDelivery.class);
                    assertThat(context).hasBean("ownSpool");
                    assertThat(context).doesNotHaveBean("directDeliverySpool");

                    context.getBean(JavaMailSender.class).send(TestMail.simple("dave@example.org"));

                    assertThat(context.getBean(DurableDelivery.class).stats().messages())
                            .isEqualTo(1);
                });
    }

    @Test
    void spoolClosesBeforeClient() throws IOException {
        ScriptedSmtpServer relay = internet.mx("relay.example.test", "relay.example.test");
        DirectDelivery[] client = new DirectDelivery[1];

        submitRunner()
                .withPropertyValues(
                        "direct-delivery.fallback-relay.host="
                                + relay.address().getAddress().getHostAddress(),
                        "direct-delivery.fallback-relay.port=" + relay.port(),
                        "direct-delivery.fallback-relay.tls-policy=none",
                        "direct-delivery.spool.relay-pending-on-close=true")
                .run(context -> {
                    assertThat(context.getBeanFactory().getDependenciesForBean("directDeliverySpool"))
                            .contains("directDelivery");
                    client[0] = context.getBean(DirectDelivery.class);
                    context.getBean(JavaMailSender.class).send(TestMail.simple("dave@example.org"));
                    events.await("deferred dave@example.org");
                    assertThat(relay.messages()).isEmpty();
                });

        // The spool relayed its pending recipient while it closed, which needs the client still open.
        assertThat(events.events()).contains("delivered dave@example.org relayed");
        assertThat(relay.messages()).hasSize(1);
        assertThat(relay.messages().get(0).recipients()).containsExactly("dave@example.org");
        assertThat(client[0].isClosed()).isTrue();
    }

    private ApplicationContextRunner submitRunner() {
        return runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.mode=submit", "direct-delivery.spool.directory=" + spool)
                .withBean(QueueEvents.class, () -> events);
    }

    private List<Path> files(String folder) throws IOException {
        try (Stream<Path> list = Files.list(spool.resolve(folder))) {
            return list.toList();
        }
    }

    private static FailureAnalysis analyze(@Nullable Throwable failure) {
        FailureAnalysis analysis = new InvalidPropertyFailureAnalyzer().analyze(Objects.requireNonNull(failure));
        assertThat(analysis).as("the analysis of %s", failure).isNotNull();
        return Objects.requireNonNull(analysis);
    }

    private static InvalidPropertyException invalidProperty(@Nullable Throwable failure) {
        @Nullable Throwable cause = failure;
        while (cause != null && !(cause instanceof InvalidPropertyException)) {
            cause = cause.getCause();
        }
        assertThat(cause)
                .as("an InvalidPropertyException in the cause chain of %s", failure)
                .isNotNull();
        return (InvalidPropertyException) Objects.requireNonNull(cause);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSpoolConfiguration {
        @Bean(destroyMethod = "close")
        DurableDelivery ownSpool(DirectDelivery client, Environment environment) {
            return DurableDelivery.builder(client, Path.of(environment.getRequiredProperty("test.own-spool")))
                    .build();
        }
    }
}
