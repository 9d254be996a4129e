package io.github.directdelivery.spring;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.spring.internal.ClientSettings;
import io.github.directdelivery.spring.internal.CompositeDeliveryListener;
import io.github.directdelivery.spring.internal.InvalidPropertyException;
import java.net.UnknownHostException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
}
