package io.github.directdelivery.spring.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Rejects {@code direct-delivery.spool.*} properties in send mode, where no spool exists. An
 * application that sets them expects durable delivery, but in send mode a message that cannot be
 * delivered at once is not retried later, and nothing would warn about the ignored properties.
 */
public final class SendModeSpoolCheck {

    private static final ConfigurationPropertyName SPOOL = ConfigurationPropertyName.of("direct-delivery.spool");

    private SendModeSpoolCheck() {}

    /**
     * Checks that no property under {@code direct-delivery.spool} is set, in any spelling that
     * Spring Boot's relaxed binding accepts (such as the {@code DIRECT_DELIVERY_SPOOL_DIRECTORY}
     * environment variable).
     *
     * @throws InvalidPropertyException naming the first spool property found
     */
    public static void check(Environment environment) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            Optional<ConfigurationProperty> spoolProperty = firstSpoolProperty(source);
            if (spoolProperty.isPresent()) {
                ConfigurationProperty property = spoolProperty.get();
                String name = property.getName().toString();
                throw new InvalidPropertyException(
                        name,
                        property.getValue(),
                        "spool properties apply only in submit mode, but direct-delivery.mode is send, so messages"
                                + " are sent at once and never stored in a spool",
                        "Set 'direct-delivery.mode=submit' to deliver through a durable spool, or remove '" + name
                                + "' to send at once.");
            }
        }
    }

    private static Optional<ConfigurationProperty> firstSpoolProperty(ConfigurationPropertySource source) {
        if (!(source instanceof IterableConfigurationPropertySource iterable)) {
            return Optional.empty();
        }
        List<ConfigurationPropertyName> names =
                iterable.stream().filter(SPOOL::isAncestorOf).sorted().toList();
        for (ConfigurationPropertyName name : names) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return Optional.of(property);
            }
        }
        return Optional.empty();
    }
}
