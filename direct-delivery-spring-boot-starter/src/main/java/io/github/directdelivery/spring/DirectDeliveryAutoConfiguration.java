package io.github.directdelivery.spring;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.jakarta.MimeMessageSources;
import io.github.directdelivery.spring.internal.ClientSettings;
import io.github.directdelivery.spring.internal.CompositeDeliveryListener;
import io.github.directdelivery.spring.internal.InvalidPropertyException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.MailSender;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Auto-configures the direct-delivery client from the {@code direct-delivery.*} properties, with
 * every {@link DeliveryListener} bean installed, and a {@code JavaMailSender} that delivers
 * through it unless the application configures a relay.
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
    DirectDelivery directDelivery(DirectDeliveryProperties properties, ObjectProvider<DeliveryListener> listeners) {
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
        DirectDeliveryMailSender directDeliveryMailSender(DirectDelivery client, DirectDeliveryProperties properties) {
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
            return new DirectDeliveryMailSender(client, defaultSender);
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
