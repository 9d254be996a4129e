package io.github.directdelivery.spring;

import io.github.directdelivery.DurableDelivery;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures {@link DeliveryMetrics} when Micrometer is on the class path and a
 * {@link MeterRegistry} bean exists. The auto-configured client installs it as a listener. When a
 * {@link DurableDelivery} bean exists too, it adds {@link SpoolMetrics}, which the auto-configured
 * spool installs as a listener, and {@link SpoolGauges}.
 */
@AutoConfiguration(
        after = DirectDeliveryAutoConfiguration.class,
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

    /** The spool's counters and gauges, when there is a spool. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DurableDelivery.class)
    static class SpoolMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SpoolMetrics directDeliverySpoolMetrics(MeterRegistry registry) {
            return new SpoolMetrics(registry);
        }

        // The gauges need the spool, which takes the listeners above when it is built, so they are
        // a bean of their own.
        @Bean
        @ConditionalOnMissingBean
        SpoolGauges directDeliverySpoolGauges(DurableDelivery spool, MeterRegistry registry) {
            return new SpoolGauges(spool, registry);
        }
    }
}
