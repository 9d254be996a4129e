package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpTimeoutsTest {

    @Test
    void defaultsFollowRfc5321() {
        SmtpTimeouts defaults = SmtpTimeouts.defaults();

        assertThat(defaults.connect()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.greeting()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.mail()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.rcpt()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.dataStart()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.dataBlock()).isEqualTo(Duration.ofMinutes(3));
        assertThat(defaults.dataEnd()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void withMethodsChangeOneLimit() {
        SmtpTimeouts changed =
                SmtpTimeouts.defaults().withDataEnd(Duration.ofSeconds(1)).withConnect(Duration.ofSeconds(2));

        assertThat(changed.dataEnd()).isEqualTo(Duration.ofSeconds(1));
        assertThat(changed.connect()).isEqualTo(Duration.ofSeconds(2));
        assertThat(changed.withDataEnd(SmtpTimeouts.defaults().dataEnd()).withConnect(Duration.ofSeconds(30)))
                .isEqualTo(SmtpTimeouts.defaults());
    }

    @Test
    void nonPositiveLimitIsRejectedByName() {
        assertThatThrownBy(() -> SmtpTimeouts.defaults().withRcpt(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rcpt timeout must be positive, not PT0S");
        assertThatThrownBy(() -> SmtpTimeouts.uniform(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
