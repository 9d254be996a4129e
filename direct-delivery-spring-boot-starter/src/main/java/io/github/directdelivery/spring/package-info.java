/**
 * Spring Boot auto-configuration for direct delivery: typed {@code direct-delivery.*} properties,
 * the {@link io.github.directdelivery.DirectDelivery} client, a
 * {@link org.springframework.mail.javamail.JavaMailSender} that delivers directly, an Actuator
 * health indicator and Micrometer metrics.
 *
 * <p>Types under {@code io.github.directdelivery.spring.internal} are implementation details and
 * may change in any release.
 */
@NullMarked
package io.github.directdelivery.spring;

import org.jspecify.annotations.NullMarked;
