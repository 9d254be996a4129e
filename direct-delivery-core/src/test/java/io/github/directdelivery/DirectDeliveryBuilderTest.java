package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectDeliveryBuilderTest {

    @ParameterizedTest
    @ValueSource(strings = {"mail.example.com", "mail.example.com.", "localhost", "[192.0.2.1]", "[IPv6:2001:db8::1]"})
    void heloNameAcceptsHostNamesAndAddressLiterals(String name) {
        assertThatCode(() -> DirectDelivery.builder().heloName(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "mail example.com",
                "bad_name.example",
                "-mail.example.com",
                "mail..example.com",
                "host\r\nRSET"
            })
    void heloNameRejectsWhatEhloCannotCarry(String name) {
        assertThatThrownBy(() -> DirectDelivery.builder().heloName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heloName must be a host name");
    }

    @Test
    void heloNameThatIsABareIpAddressNeedsBrackets() {
        assertThatThrownBy(() -> DirectDelivery.builder().heloName("192.0.2.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[192.0.2.1]");
    }

    @Test
    void defaultHeloNameIsNotLookedUpInLoopbackOnlyMode() {
        assertThatThrownBy(() -> DirectDelivery.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Set heloName");
    }

    @Test
    void settersRejectBadValuesByName() {
        DirectDelivery.Builder builder = DirectDelivery.builder();

        assertThatThrownBy(() -> builder.smtpPort(0)).hasMessageContaining("smtpPort");
        assertThatThrownBy(() -> builder.sendTimeout(Duration.ZERO)).hasMessageContaining("sendTimeout");
        assertThatThrownBy(() -> builder.maxConcurrentDomains(0)).hasMessageContaining("maxConcurrentDomains");
        assertThatThrownBy(() -> builder.maxConnectionsPerHost(-1)).hasMessageContaining("maxConnectionsPerHost");
        assertThatThrownBy(() -> builder.idleConnectionTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("idleConnectionTimeout");
        assertThatThrownBy(() -> builder.circuitBreaker(0, Duration.ofMinutes(1)))
                .hasMessageContaining("circuitBreaker");
        assertThatThrownBy(() -> builder.rateLimitPerHost(5, Duration.ZERO)).hasMessageContaining("rateLimitPerHost");
    }
}
