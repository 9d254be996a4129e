package io.github.directdelivery.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.spring.internal.InvalidPropertyException;
import io.github.directdelivery.spring.internal.InvalidPropertyFailureAnalyzer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

class PropertyValidationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DirectDeliveryAutoConfiguration.class))
            .withPropertyValues("direct-delivery.helo-name=app.example.test");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            direct-delivery.smtp-port=0                        | direct-delivery.smtp-port
            direct-delivery.smtp-port=65536                    | direct-delivery.smtp-port
            direct-delivery.helo-name=mail example.test        | direct-delivery.helo-name
            direct-delivery.local-ipv4-address=2001:db8::1     | direct-delivery.local-ipv4-address
            direct-delivery.local-ipv4-address=192.0.2.256     | direct-delivery.local-ipv4-address
            direct-delivery.local-ipv4-address=mail.example.test | direct-delivery.local-ipv4-address
            direct-delivery.local-ipv6-address=192.0.2.1       | direct-delivery.local-ipv6-address
            direct-delivery.dns.server=dns.example.test        | direct-delivery.dns.server
            direct-delivery.dns.server=127.0.0.1:0             | direct-delivery.dns.server
            direct-delivery.dns.server=127.0.0.1:domain        | direct-delivery.dns.server
            direct-delivery.dns.server=[::1                    | direct-delivery.dns.server
            direct-delivery.dns.timeout=0s                     | direct-delivery.dns.timeout
            direct-delivery.dns.retries=-1                     | direct-delivery.dns.retries
            direct-delivery.send-timeout=0s                    | direct-delivery.send-timeout
            direct-delivery.timeouts.connect=0s                | direct-delivery.timeouts.connect
            direct-delivery.timeouts.data-end=-1s              | direct-delivery.timeouts.data-end
            direct-delivery.retry.max-attempts=0               | direct-delivery.retry.max-attempts
            direct-delivery.retry.initial-interval=0s          | direct-delivery.retry.initial-interval
            direct-delivery.retry.multiplier=0.5               | direct-delivery.retry.multiplier
            direct-delivery.retry.randomization-factor=1       | direct-delivery.retry.randomization-factor
            direct-delivery.fallback-relay.username=app        | direct-delivery.fallback-relay.host
            """)
    void invalidValueStopsStartup(String property, String expectedProperty) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            InvalidPropertyException invalid = invalidProperty(Objects.requireNonNull(context.getStartupFailure()));
            assertThat(invalid.property()).isEqualTo(expectedProperty);

            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'" + expectedProperty + "'");
            assertThat(analysis.getAction()).contains("'" + expectedProperty + "'");
        });
    }

    @Test
    void relayNeedsBothCredentials() {
        runner.withPropertyValues(
                        "direct-delivery.fallback-relay.host=relay.example.test",
                        "direct-delivery.fallback-relay.username=app")
                .run(context -> {
                    InvalidPropertyException invalid =
                            invalidProperty(Objects.requireNonNull(context.getStartupFailure()));
                    assertThat(invalid.property()).isEqualTo("direct-delivery.fallback-relay.password");
                    assertThat(invalid.value()).isNull();

                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("is missing");
                    assertThat(analysis.getAction())
                            .isEqualTo(
                                    "Set 'direct-delivery.fallback-relay.password' in the application's configuration.");
                });
    }

    @Test
    void relayCredentialsNeedTls() {
        runner.withPropertyValues(
                        "direct-delivery.fallback-relay.host=relay.example.test",
                        "direct-delivery.fallback-relay.username=app",
                        "direct-delivery.fallback-relay.password=secret",
                        "direct-delivery.fallback-relay.tls-policy=opportunistic")
                .run(context -> {
                    InvalidPropertyException invalid =
                            invalidProperty(Objects.requireNonNull(context.getStartupFailure()));
                    assertThat(invalid.property()).isEqualTo("direct-delivery.fallback-relay.tls-policy");
                    assertThat(invalid.reason()).contains("REQUIRED or VERIFIED");
                });
    }

    @Test
    void invalidPasswordIsNotShown() {
        runner.withPropertyValues(
                        "direct-delivery.fallback-relay.host=relay.example.test",
                        "direct-delivery.fallback-relay.username=app",
                        "direct-delivery.fallback-relay.password=top\nsecret",
                        "direct-delivery.fallback-relay.tls-policy=required")
                .run(context -> {
                    InvalidPropertyException invalid =
                            invalidProperty(Objects.requireNonNull(context.getStartupFailure()));
                    assertThat(invalid.property()).isEqualTo("direct-delivery.fallback-relay.password");

                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).doesNotContain("secret");
                    assertThat(invalid.getMessage()).doesNotContain("secret");
                });
    }

    @Test
    void analysisNamesValueReasonAndAction() {
        runner.withPropertyValues("direct-delivery.smtp-port=0").run(context -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());

            assertThat(analysis.getDescription())
                    .isEqualTo("The property 'direct-delivery.smtp-port' has the invalid value '0': "
                            + "smtpPort must be between 1 and 65535, not 0.");
            assertThat(analysis.getAction())
                    .isEqualTo("Change 'direct-delivery.smtp-port' in the application's configuration, or remove it"
                            + " to use the default.");
        });
    }

    @Test
    void durationShownAsWritten() {
        runner.withPropertyValues("direct-delivery.timeouts.data-end=-1s").run(context -> {
            InvalidPropertyException invalid = invalidProperty(Objects.requireNonNull(context.getStartupFailure()));

            assertThat(invalid.value()).isEqualTo("-1s");
        });
    }

    @Test
    void unknownEnumValueStopsStartup() {
        runner.withPropertyValues("direct-delivery.tls-policy=sometimes").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("direct-delivery.tls-policy");
        });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void startupReportNamesPropertyAndAction(CapturedOutput output) {
        SpringApplication application = new SpringApplication(StartupConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run(
                        "--direct-delivery.helo-name=app.example.test", "--direct-delivery.smtp-port=0"))
                .hasRootCauseInstanceOf(InvalidPropertyException.class);
        assertThat(output).contains("APPLICATION FAILED TO START");
        assertThat(output).contains("The property 'direct-delivery.smtp-port' has the invalid value '0'");
        assertThat(output).contains("Change 'direct-delivery.smtp-port' in the application's configuration");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DirectDeliveryAutoConfiguration.class)
    static class StartupConfiguration {}

    private static FailureAnalysis analyze(@Nullable Throwable failure) {
        FailureAnalysis analysis = new InvalidPropertyFailureAnalyzer().analyze(Objects.requireNonNull(failure));
        assertThat(analysis).as("the analysis of %s", failure).isNotNull();
        return Objects.requireNonNull(analysis);
    }

    private static InvalidPropertyException invalidProperty(Throwable failure) {
        @Nullable Throwable cause = failure;
        while (cause != null && !(cause instanceof InvalidPropertyException)) {
            cause = cause.getCause();
        }
        assertThat(cause)
                .as("an InvalidPropertyException in the cause chain of %s", failure)
                .isNotNull();
        return (InvalidPropertyException) Objects.requireNonNull(cause);
    }
}
