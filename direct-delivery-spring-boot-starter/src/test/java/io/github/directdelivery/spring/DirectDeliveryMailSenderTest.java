package io.github.directdelivery.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.jakarta.DirectDeliverySendFailedException;
import io.github.directdelivery.spring.internal.InvalidPropertyException;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ReceivedMessage;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailSendException;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

class DirectDeliveryMailSenderTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(MailSenderAutoConfiguration.class, DirectDeliveryAutoConfiguration.class));

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
    void directSenderIsTheMailSender() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            assertThat(context).hasSingleBean(JavaMailSender.class);
            assertThat(context.getBean(JavaMailSender.class)).isInstanceOf(DirectDeliveryMailSender.class);
            assertThat(context).doesNotHaveBean(JavaMailSenderImpl.class);
        });
    }

    @Test
    void relayHostWins() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("spring.mail.host=smtp.example.test")
                .run(context -> {
                    assertThat(context).hasSingleBean(JavaMailSender.class);
                    assertThat(context.getBean(JavaMailSender.class)).isInstanceOf(JavaMailSenderImpl.class);
                    assertThat(context).doesNotHaveBean(DirectDeliveryMailSender.class);
                    assertThat(context).hasSingleBean(DirectDelivery.class);
                });
    }

    @Test
    void relayHostWinsWithoutBootMailSupport() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DirectDeliveryAutoConfiguration.class))
                .withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("spring.mail.host=smtp.example.test")
                .run(context -> assertThat(context).doesNotHaveBean(DirectDeliveryMailSender.class));
    }

    @Test
    void applicationMailSenderWins() {
        MailSender own = messages -> {};
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withBean("ownMailSender", MailSender.class, () -> own)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(DirectDeliveryMailSender.class);
                    assertThat(context.getBean(MailSender.class)).isSameAs(own);
                });
    }

    @Test
    void senderAbsentWithoutJakartaMail() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withClassLoader(new FilteredClassLoader("jakarta.mail"))
                .run(context -> {
                    assertThat(context).hasSingleBean(DirectDelivery.class);
                    assertThat(context).doesNotHaveBean(DirectDeliveryMailSender.class);
                });
    }

    @Test
    void mimeMessageArrivesSevenBitWithoutBcc() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            JavaMailSender sender = context.getBean(JavaMailSender.class);
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom("app@example.test");
            helper.setTo("alice@example.org");
            helper.setBcc("audit@example.org");
            helper.setSubject("Grüße");
            helper.setText("Grüße aus Köln\n");

            sender.send(message);

            assertThat(mx.messages()).hasSize(1);
            ReceivedMessage received = mx.messages().get(0);
            assertThat(received.sender()).isEqualTo("app@example.test");
            assertThat(received.recipients()).containsExactly("alice@example.org", "audit@example.org");
            String content = received.contentText();
            assertThat(content).doesNotContainPattern("(?im)^Bcc:");
            assertThat(content).contains("Content-Transfer-Encoding: quoted-printable");
            assertThat(content.chars()).allMatch(c -> c < 0x80);
        });
    }

    @Test
    void simpleMessageArrives() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom("app@example.test");
            message.setTo("alice@example.org");
            message.setSubject("Welcome");
            message.setText("Hello Alice");

            context.getBean(JavaMailSender.class).send(message);

            ReceivedMessage received = mx.messages().get(0);
            assertThat(received.recipients()).containsExactly("alice@example.org");
            assertThat(received.contentText()).contains("Subject: Welcome").contains("Hello Alice");
        });
    }

    @Test
    void preparedMessageArrives() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            context.getBean(JavaMailSender.class).send(message -> {
                MimeMessageHelper helper = new MimeMessageHelper(message);
                helper.setFrom("app@example.test");
                helper.setTo("alice@example.org");
                helper.setText("Prepared");
            });

            assertThat(mx.messages()).hasSize(1);
            assertThat(mx.messages().get(0).contentText()).contains("Prepared");
        });
    }

    @Test
    void defaultSenderForMessageWithoutFrom() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.default-sender=bounces@example.test")
                .run(context -> {
                    SimpleMailMessage message = new SimpleMailMessage();
                    message.setTo("alice@example.org");
                    message.setText("No From field");

                    context.getBean(JavaMailSender.class).send(message);

                    assertThat(mx.messages().get(0).sender()).isEqualTo("bounces@example.test");
                });
    }

    @Test
    void failedMessagesAreListed() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            SimpleMailMessage toAlice = TestMail.simple("alice@example.org");
            SimpleMailMessage toBob = TestMail.simple("bob@example.org");
            SimpleMailMessage toCarol = TestMail.simple("carol@example.net");

            MailSendException thrown = TestMail.catchMailSendException(
                    () -> context.getBean(JavaMailSender.class).send(toAlice, toBob, toCarol));

            Map<Object, Exception> failed = thrown.getFailedMessages();
            assertThat(failed).containsOnlyKeys(toBob, toCarol);
            assertThat(resultOf(failed.get(toBob)).status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(resultOf(failed.get(toBob)).code()).isEqualTo(550);
            assertThat(resultOf(failed.get(toCarol)).status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(mx.messages()).hasSize(1);
        });
    }

    @Test
    void partlyDeliveredMessageFails() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            SimpleMailMessage message = TestMail.simple("alice@example.org");
            message.setCc("bob@example.org");

            MailSendException thrown = TestMail.catchMailSendException(
                    () -> context.getBean(JavaMailSender.class).send(message));

            DirectDeliverySendFailedException failure = (DirectDeliverySendFailedException)
                    Objects.requireNonNull(thrown.getFailedMessages().get(message));
            assertThat(failure.getValidSentAddresses())
                    .extracting(Object::toString)
                    .containsExactly("alice@example.org");
            assertThat(failure.getInvalidAddresses())
                    .extracting(Object::toString)
                    .containsExactly("bob@example.org");
        });
    }

    @Test
    void messageWithoutRecipientsFails() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            JavaMailSender sender = context.getBean(JavaMailSender.class);
            MimeMessage message = sender.createMimeMessage();
            message.setFrom("app@example.test");
            message.setText("Nobody");

            MailSendException thrown = TestMail.catchMailSendException(() -> sender.send(message));

            assertThat(thrown.getFailedMessages().get(message)).isInstanceOf(MessagingException.class);
            assertThat(mx.connections()).isEmpty();
        });
    }

    @Test
    void closedClientFailsEveryMessage() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            context.getBean(DirectDelivery.class).close();
            SimpleMailMessage message = TestMail.simple("alice@example.org");

            MailSendException thrown = TestMail.catchMailSendException(
                    () -> context.getBean(JavaMailSender.class).send(message));

            assertThat(thrown.getFailedMessages().get(message)).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void rawMessageIsParsed() {
        runner.withPropertyValues(FakeInternetProperties.of(internet)).run(context -> {
            JavaMailSender sender = context.getBean(JavaMailSender.class);
            MimeMessage message = sender.createMimeMessage(new ByteArrayInputStream(
                    DirectDeliveryAutoConfigurationTest.MESSAGE.getBytes(StandardCharsets.US_ASCII)));

            sender.send(message);

            assertThat(mx.messages().get(0).contentText()).contains("Hello Alice");
        });
    }

    @Test
    void invalidDefaultSenderStopsStartup() {
        runner.withPropertyValues(FakeInternetProperties.of(internet))
                .withPropertyValues("direct-delivery.default-sender=not an address")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(InvalidPropertyException.class)
                            .hasMessageContaining("direct-delivery.default-sender");
                });
    }

    private static RecipientResult resultOf(@Nullable Exception failure) {
        assertThat(failure).isInstanceOf(DirectDeliverySendFailedException.class);
        DirectDeliverySendFailedException sendFailure =
                (DirectDeliverySendFailedException) Objects.requireNonNull(failure);
        return Objects.requireNonNull(sendFailure.report()).results().get(0);
    }
}
