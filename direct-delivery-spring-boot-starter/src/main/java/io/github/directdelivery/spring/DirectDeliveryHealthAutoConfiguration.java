package io.github.directdelivery.spring;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures {@link DirectDeliveryHealthIndicator} when Spring Boot's health support (part of
 * Actuator) is on the class path and a {@link DirectDelivery} bean exists; it reports the
 * {@link DurableDelivery} spool too when there is one. The property
 * {@code management.health.directdelivery.enabled=false} turns it off.
 */
@AutoConfiguration(after = DirectDeliveryAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DirectDelivery.class)
@ConditionalOnEnabledHealthIndicator("directdelivery")
public final class DirectDeliveryHealthAutoConfiguration {

    DirectDeliveryHealthAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean(name = "directDeliveryHealthIndicator")
    DirectDeliveryHealthIndicator directDeliveryHealthIndicator(
            DirectDelivery client,
            DirectDeliveryProperties properties,
            ObjectProvider<RecentDeliveries> deliveries,
            ObjectProvider<DurableDelivery> spool) {
        return new DirectDeliveryHealthIndicator(client, properties, deliveries.getIfAvailable(), spool.getIfUnique());
    }
}
