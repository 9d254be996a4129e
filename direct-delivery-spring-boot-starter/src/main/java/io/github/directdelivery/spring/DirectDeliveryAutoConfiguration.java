package io.github.directdelivery.spring;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.QueueListener;
import io.github.directdelivery.SpoolInUseException;
import io.github.directdelivery.jakarta.MimeMessageSources;
import io.github.directdelivery.spring.internal.ClientSettings;
import io.github.directdelivery.spring.internal.CompositeDeliveryListener;
import io.github.directdelivery.spring.internal.CompositeQueueListener;
import io.github.directdelivery.spring.internal.InvalidPropertyException;
import io.github.directdelivery.spring.internal.SendModeSpoolCheck;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.MailSender;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Auto-configures the direct-delivery client from the {@code direct-delivery.*} properties, with
 * every {@link DeliveryListener} bean installed, and a {@code JavaMailSender} that delivers
 * through it unless the application configures a relay.
 *
 * <p>With {@code direct-delivery.mode=submit}, it also creates a {@link DurableDelivery} spool from
 * the {@code direct-delivery.spool.*} properties, with every {@link QueueListener} bean installed,
 * and the {@code JavaMailSender} submits to the spool instead of sending. The spool is closed
 * before the client, because its shutdown may still deliver through the client.
 *
 * <p>Each bean backs off when the application defines its own bean of the same type.
 */
@AutoConfiguration(afterName = "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")
@EnableConfigurationProperties(DirectDeliveryProperties.class)
public final class DirectDeliveryAutoConfiguration {

    DirectDeliveryAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    RecentDeliveries directDeliveryRecentDeliveries() {
        return new RecentDeliveries();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DirectDelivery directDelivery(
            DirectDeliveryProperties properties, ObjectProvider<DeliveryListener> listeners, Environment environment) {
        if (properties.getMode() == DeliveryMode.SEND) {
            SendModeSpoolCheck.check(environment);
        }
        DeliveryListener listener =
                CompositeDeliveryListener.of(listeners.orderedStream().toList());
        DirectDelivery.Builder builder = ClientSettings.builder(properties, listener);
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            if (properties.getHeloName() == null && e.getCause() instanceof UnknownHostException) {
                // Without a HELO name the builder looks up this host's name, which can fail.
                throw new InvalidPropertyException(
                        "direct-delivery.helo-name", null, "this host's name cannot be found, so set the HELO name");
            }
            throw e;
        }
    }

    /** The durable spool of submit mode, unless the application defines its own. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(SubmitModeCondition.class)
    static class SpoolConfiguration {

        // Spring destroys a bean before the beans it depends on, so the spool closes before the client.
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        DurableDelivery directDeliverySpool(
                DirectDelivery client, DirectDeliveryProperties properties, ObjectProvider<QueueListener> listeners) {
            DirectDeliveryProperties.Spool spool = properties.getSpool();
            QueueListener listener =
                    CompositeQueueListener.of(listeners.orderedStream().toList());
            DurableDelivery.Builder builder = ClientSettings.queueBuilder(client, spool, listener);
            Path directory = spool.getDirectory();
            try {
                return builder.build();
            } catch (UncheckedIOException e) {
                throw new InvalidPropertyException(
                        "direct-delivery.spool.directory",
                        directory,
                        String.valueOf(e.getMessage()),
                        "Set 'direct-delivery.spool.directory' to a directory that this process can create and"
                                + " write. Submit mode has no default spool directory.");
            } catch (SpoolInUseException e) {
                // SpoolInUseFailureAnalyzer reports it.
                throw e;
            } catch (IllegalStateException e) {
                if (spool.isRelayPendingOnClose()
                        && properties.getFallbackRelay().getHost() == null) {
                    throw new InvalidPropertyException(
                            "direct-delivery.spool.relay-pending-on-close",
                            true,
                            "pending mail can be relayed only through a fallback relay, so set"
                                    + " direct-delivery.fallback-relay.host too");
                }
                throw e;
            }
        }
    }

    /**
     * The direct {@code JavaMailSender}, unless the application sends through a relay: it defines
     * its own {@link MailSender} bean, or sets {@code spring.mail.host} or
     * {@code spring.mail.jndi-name}, for which Spring Boot creates one.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MimeMessage.class, JavaMailSender.class, MimeMessageSources.class})
    @Conditional(NoRelayConfiguredCondition.class)
    static class MailSenderConfiguration {

        @Bean
        @ConditionalOnMissingBean(MailSender.class)
        DirectDeliveryMailSender directDeliveryMailSender(
                DirectDelivery client, DirectDeliveryProperties properties, ObjectProvider<DurableDelivery> spool) {
            String defaultSender = defaultSender(properties);
            if (properties.getMode() == DeliveryMode.SUBMIT) {
                return new DirectDeliveryMailSender(spool.getObject(), defaultSender);
            }
            return new DirectDeliveryMailSender(client, defaultSender);
        }

        private static @Nullable String defaultSender(DirectDeliveryProperties properties) {
            String defaultSender = properties.getDefaultSender();
            if (defaultSender != null && !defaultSender.equals("<>")) {
                try {
                    new InternetAddress(defaultSender, true).validate();
                } catch (AddressException e) {
                    throw new InvalidPropertyException(
                            "direct-delivery.default-sender",
                            defaultSender,
                            "expected one address such as bounces@example.com, or <> for the null reverse-path");
                }
            }
            return defaultSender;
        }
    }

    /** Matches when {@code direct-delivery.mode} is {@code submit}, in any spelling the binder accepts. */
    static final class SubmitModeCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionMessage.Builder message = ConditionMessage.forCondition("Direct delivery submit mode");
            DeliveryMode mode;
            try {
                mode = Binder.get(context.getEnvironment())
                        .bind("direct-delivery.mode", DeliveryMode.class)
                        .orElse(DeliveryMode.SEND);
            } catch (BindException e) {
                // The properties bean reports the invalid value when it is bound.
                return ConditionOutcome.noMatch(message.because("direct-delivery.mode has an invalid value"));
            }
            if (mode == DeliveryMode.SUBMIT) {
                return ConditionOutcome.match(message.because("direct-delivery.mode is submit"));
            }
            return ConditionOutcome.noMatch(message.because("direct-delivery.mode is " + mode));
        }
    }

    /** Matches when neither {@code spring.mail.host} nor {@code spring.mail.jndi-name} is set. */
    static final class NoRelayConfiguredCondition extends SpringBootCondition {

        private static final List<String> RELAY_PROPERTIES = List.of("spring.mail.host", "spring.mail.jndi-name");

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionMessage.Builder message = ConditionMessage.forCondition("Direct delivery without a relay");
            for (String property : RELAY_PROPERTIES) {
                if (context.getEnvironment().containsProperty(property)) {
                    return ConditionOutcome.noMatch(message.found("property").items(property));
                }
            }
            return ConditionOutcome.match(message.didNotFind("property").items(RELAY_PROPERTIES));
        }
    }
}
