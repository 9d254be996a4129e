package io.github.directdelivery.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures {@link DeliveryMetrics} when Micrometer is on the class path and a
 * {@link MeterRegistry} bean exists. The auto-configured client installs it as a listener.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class DirectDeliveryMetricsAutoConfiguration {

    DirectDeliveryMetricsAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    DeliveryMetrics directDeliveryMetrics(MeterRegistry registry) {
        return new DeliveryMetrics(registry);
    }
}
