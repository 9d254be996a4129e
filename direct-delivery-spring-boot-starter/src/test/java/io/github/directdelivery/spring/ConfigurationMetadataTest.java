package io.github.directdelivery.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Checks the metadata that IDEs read to complete and explain the {@code direct-delivery.*} properties. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsDescribed() throws IOException {
        List<Map<String, Object>> properties = properties();

        assertThat(properties)
                .extracting(property -> property.get("name"))
                .contains(
                        "direct-delivery.helo-name",
                        "direct-delivery.dns.server",
                        "direct-delivery.timeouts.data-end",
                        "direct-delivery.retry.max-attempts",
                        "direct-delivery.fallback-relay.password",
                        "direct-delivery.mode",
                        "direct-delivery.spool.directory",
                        "direct-delivery.spool.max-lifetime",
                        "direct-delivery.spool.relay-pending-on-close");
        for (Map<String, Object> property : properties) {
            assertThat(property.get("description"))
                    .as("description of %s", property.get("name"))
                    .asString()
                    .isNotBlank()
                    .endsWith(".");
        }
    }

    @Test
    void booleanDescriptionsStartWithWhether() throws IOException {
        for (Map<String, Object> property : properties()) {
            if ("java.lang.Boolean".equals(property.get("type"))) {
                assertThat(property.get("description"))
                        .as("description of %s", property.get("name"))
                        .asString()
                        .startsWith("Whether ");
            }
        }
    }

    @Test
    void durationsHaveReadableDefaults() throws IOException {
        Map<String, Object> dataEnd = properties().stream()
                .filter(property -> "direct-delivery.timeouts.data-end".equals(property.get("name")))
                .findFirst()
                .orElseThrow();

        assertThat(dataEnd).containsEntry("type", "java.time.Duration");
        assertThat(dataEnd).containsEntry("defaultValue", "10m");
    }

    @Test
    void spoolLifetimeDefaultIsFiveDays() throws IOException {
        Map<String, Object> lifetime = properties().stream()
                .filter(property -> "direct-delivery.spool.max-lifetime".equals(property.get("name")))
                .findFirst()
                .orElseThrow();

        assertThat(lifetime).containsEntry("type", "java.time.Duration");
        assertThat(lifetime).containsEntry("defaultValue", "5d");
    }

    private static List<Map<String, Object>> properties() throws IOException {
        try (InputStream metadata = Objects.requireNonNull(
                ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json"),
                "the configuration processor wrote no metadata")) {
            String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
            return JsonPath.read(json, "$.properties[?(@.name =~ /direct-delivery\\..*/)]");
        }
    }
}
