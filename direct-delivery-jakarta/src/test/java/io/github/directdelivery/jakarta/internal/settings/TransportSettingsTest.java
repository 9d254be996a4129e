package io.github.directdelivery.jakarta.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.RetrySchedule;
import jakarta.mail.MessagingException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransportSettingsTest {

    /** A valid value for every property, so one test covers the whole mapping. */
    private static final Map<String, String> EVERY_PROPERTY = Map.ofEntries(
            Map.entry("mail.mx.from", "bounces@example.org"),
            Map.entry("mail.mx.localhost", "mail.example.org"),
            Map.entry("mail.mx.localaddress", "127.0.0.1, ::1"),
            Map.entry("mail.mx.port", "2525"),
            Map.entry("mail.mx.allowlocaldestinations", "true"),
            Map.entry("mail.mx.dns.server", "127.0.0.1:5353"),
            Map.entry("mail.mx.dns.timeout", "2s"),
            Map.entry("mail.mx.dns.retries", "0"),
            Map.entry("mail.mx.addresspreference", "ipv6-first"),
            Map.entry("mail.mx.maxhosts", "3"),
            Map.entry("mail.mx.maxaddresses", "4"),
            Map.entry("mail.mx.tls", "required"),
            Map.entry("mail.mx.timeout", "1m"),
            Map.entry("mail.mx.timeout.connect", "10s"),
            Map.entry("mail.mx.timeout.greeting", "2m"),
            Map.entry("mail.mx.timeout.command", "2m"),
            Map.entry("mail.mx.timeout.tls", "30s"),
            Map.entry("mail.mx.timeout.mail", "2m"),
            Map.entry("mail.mx.timeout.rcpt", "2m"),
            Map.entry("mail.mx.timeout.datastart", "1m"),
            Map.entry("mail.mx.timeout.datablock", "1m"),
            Map.entry("mail.mx.timeout.dataend", "5m"),
            Map.entry("mail.mx.timeout.write", "PT1M"),
            Map.entry("mail.mx.sendtimeout", "3m"),
            Map.entry("mail.mx.retry.attempts", "2"),
            Map.entry("mail.mx.retry.interval", "500ms"),
            Map.entry("mail.mx.retry.multiplier", "1.5"),
            Map.entry("mail.mx.retry.jitter", "0"),
            Map.entry("mail.mx.retry.transient", "true"),
            Map.entry("mail.mx.connections.perhost", "2"),
            Map.entry("mail.mx.connections.idletimeout", "10s"),
            Map.entry("mail.mx.concurrentdomains", "4"),
            Map.entry("mail.mx.dsn.notify", "failure, delay"),
            Map.entry("mail.mx.dsn.ret", "HDRS"),
            Map.entry("mail.mx.transcript", "TRUE"),
            Map.entry("mail.mx.relay.host", "relay.example.org"),
            Map.entry("mail.mx.relay.port", "2465"),
            Map.entry("mail.mx.relay.implicittls", "true"),
            Map.entry("mail.mx.relay.tls", "verified"),
            Map.entry("mail.mx.relay.user", "relay-user"),
            Map.entry("mail.mx.relay.password", "relay-secret"),
            Map.entry("mail.mx.mode", "Submit"),
            Map.entry("mail.mx.spool.directory", "spool/mail"),
            Map.entry("mail.mx.spool.lifetime", "3d"),
            Map.entry("mail.mx.spool.retry.interval", "1m"),
            Map.entry("mail.mx.spool.retry.maxinterval", "2h"),
            Map.entry("mail.mx.spool.retry.multiplier", "3"),
            Map.entry("mail.mx.spool.retry.jitter", "0.25"),
            Map.entry("mail.mx.spool.delaynotice", "4h"),
            Map.entry("mail.mx.spool.concurrency", "2"),
            Map.entry("mail.mx.spool.shutdowntimeout", "10s"),
            Map.entry("mail.mx.spool.relaypendingonclose", "true"),
            Map.entry("mail.mx.class", "io.github.directdelivery.jakarta.MxTransport"));

    @Test
    void everyPropertyIsAccepted() throws Exception {
        assertThat(EVERY_PROPERTY.keySet()).containsExactlyInAnyOrderElementsOf(MxProperty.keys());

        TransportSettings settings = TransportSettings.from(properties(EVERY_PROPERTY));

        assertThat(settings.envelopeSender()).isEqualTo("bounces@example.org");
        assertThat(settings.dsn())
                .isEqualTo(new DsnOptions(
                        java.util.Set.of(DsnOptions.Notify.FAILURE, DsnOptions.Notify.DELAY),
                        DsnOptions.Return.HEADERS,
                        null));
        assertThat(settings.mode()).isEqualTo(TransportMode.SUBMIT);
        assertThat(settings.spool())
                .isEqualTo(new SpoolSettings(
                        Path.of("spool/mail"),
                        new RetrySchedule(Duration.ofMinutes(1), 3.0, 0.25, Duration.ofHours(2), Duration.ofDays(3)),
                        Duration.ofHours(4),
                        2,
                        Duration.ofSeconds(10),
                        true));
        try (DirectDelivery client = settings.newClient()) {
            assertThat(client).isNotNull();
        }
    }

    @Test
    void noPropertiesMeansDefaults() throws Exception {
        TransportSettings settings = TransportSettings.from(properties(Map.of("mail.smtp.host", "ignored")));

        assertThat(settings.envelopeSender()).isNull();
        assertThat(settings.dsn()).isNull();
        assertThat(settings.mode()).isEqualTo(TransportMode.SEND);
        assertThat(settings.spool()).isNull();
    }

    @Test
    void submitModeHasSpoolDefaults() throws Exception {
        TransportSettings settings = TransportSettings.from(
                properties(Map.of("mail.mx.mode", "submit", "mail.mx.spool.directory", "/var/spool/example")));

        assertThat(settings.mode()).isEqualTo(TransportMode.SUBMIT);
        assertThat(settings.spool())
                .isEqualTo(new SpoolSettings(
                        Path.of("/var/spool/example"),
                        RetrySchedule.defaults(),
                        null,
                        8,
                        Duration.ofSeconds(30),
                        false));
        assertThat(RetrySchedule.defaults().maxLifetime()).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void invalidModeListsValidModes() {
        assertThatThrownBy(() -> TransportSettings.from(
                        properties(Map.of("mail.mx.mode", "queue", "mail.mx.spool.directory", "/var/spool/example"))))
                .isInstanceOf(MessagingException.class)
                .hasMessage("Invalid mail.mx.mode \"queue\": not one of the accepted values. Expected send or submit.");
    }

    @Test
    void submitModeNeedsSpoolDirectory() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of("mail.mx.mode", "submit"))))
                .isInstanceOf(MessagingException.class)
                .hasMessage("mail.mx.mode is submit, but mail.mx.spool.directory is not set;"
                        + " set it to the directory where submitted messages are stored.");
    }

    @Test
    void spoolSettingNeedsSubmitMode() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of("mail.mx.spool.lifetime", "2d"))))
                .isInstanceOf(MessagingException.class)
                .hasMessage("mail.mx.spool.lifetime is set, but mail.mx.mode is not submit;"
                        + " set mail.mx.mode=submit to queue messages in a spool.");
    }

    @Test
    void relayPendingOnCloseNeedsRelay() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of(
                        "mail.mx.mode", "submit",
                        "mail.mx.spool.directory", "/var/spool/example",
                        "mail.mx.spool.relaypendingonclose", "true"))))
                .hasMessage("mail.mx.spool.relaypendingonclose is true, but mail.mx.relay.host is not set;"
                        + " set the fallback relay that takes pending mail at shutdown.");
    }

    @Test
    void retryMaxIntervalBelowFirstIsRejected() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of(
                        "mail.mx.mode", "submit",
                        "mail.mx.spool.directory", "/var/spool/example",
                        "mail.mx.spool.retry.interval", "2h"))))
                .hasMessage("mail.mx.spool.retry.maxinterval (PT1H) is shorter than mail.mx.spool.retry.interval"
                        + " (PT2H); raise it, or lower the first interval.");
    }

    static Stream<Arguments> invalidSpoolValues() {
        return Stream.of(
                Arguments.of("mail.mx.spool.directory", "spool\u0000mail", "control character", "the path of a"),
                Arguments.of("mail.mx.spool.lifetime", "5", "a duration needs a unit", "5d"),
                Arguments.of("mail.mx.spool.retry.interval", "0m", "a duration must be positive", "30s"),
                Arguments.of("mail.mx.spool.retry.maxinterval", "soon", "a duration needs a unit", "PT30S"),
                Arguments.of("mail.mx.spool.retry.multiplier", "0.9", "out of range", "a number from 1"),
                Arguments.of("mail.mx.spool.retry.jitter", "-0.1", "out of range", "a number from 0"),
                Arguments.of("mail.mx.spool.delaynotice", "P", "not an ISO-8601 duration", "PT30S"),
                Arguments.of("mail.mx.spool.concurrency", "0", "out of range", "a whole number from 1"),
                Arguments.of("mail.mx.spool.shutdowntimeout", "30 seconds", "a duration needs a unit", "30s"),
                Arguments.of("mail.mx.spool.relaypendingonclose", "on", "not a boolean", "true or false"));
    }

    @ParameterizedTest
    @MethodSource("invalidSpoolValues")
    void invalidSpoolValueNamesPropertyAndAcceptedValues(String key, String value, String reason, String accepted) {
        Properties properties = properties(Map.of("mail.mx.mode", "submit", "mail.mx.spool.directory", "/var/spool"));
        properties.setProperty(key, value);

        assertThatThrownBy(() -> TransportSettings.from(properties))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("Invalid " + key + " ")
                .hasMessageContaining(reason)
                .hasMessageContaining("Expected ")
                .hasMessageContaining(accepted);
    }

    @Test
    void misspeltSpoolKeyGetsHint() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of(
                        "mail.mx.mode", "submit",
                        "mail.mx.spool.directory", "/var/spool",
                        "mail.mx.spool.lifetme", "2d",
                        "mail.mx.spooldir", "/var/spool"))))
                .hasMessageContaining("Unknown property mail.mx.spool.lifetme. Did you mean mail.mx.spool.lifetime?")
                .hasMessageContaining("Unknown property mail.mx.spooldir: use mail.mx.spool.directory.");
    }

    @Test
    void differencesNameEachSharedProperty() throws Exception {
        TransportSettings open = TransportSettings.from(properties(Map.of(
                "mail.mx.mode", "submit",
                "mail.mx.spool.directory", "/var/spool/example",
                "mail.mx.tls", "required",
                "mail.mx.relay.host", "relay.example.org",
                "mail.mx.relay.user", "relay-user",
                "mail.mx.relay.password", "first-secret")));
        TransportSettings other = TransportSettings.from(properties(Map.of(
                "mail.mx.mode", "submit",
                "mail.mx.spool.directory", "/var/spool/example",
                "mail.mx.spool.concurrency", "2",
                "mail.mx.relay.host", "relay.example.org",
                "mail.mx.relay.user", "relay-user",
                "mail.mx.relay.password", "second-secret")));

        assertThat(other.differencesFrom(open))
                .containsExactly(
                        "mail.mx.tls is not set here but \"required\" in the open spool.",
                        "mail.mx.relay.password differs from the open spool's value, which is not shown.",
                        "mail.mx.spool.concurrency is \"2\" here but not set in the open spool.");
        assertThat(open.differencesFrom(open)).isEmpty();
    }

    @Test
    void differencesIgnorePerMessageSettingsAndSpelling() throws Exception {
        TransportSettings open = TransportSettings.from(properties(Map.of(
                "mail.mx.mode", "submit",
                "mail.mx.spool.directory", "/var/spool/example",
                "mail.mx.spool.lifetime", "2d",
                "mail.mx.from", "bounces@example.org")));
        TransportSettings other = TransportSettings.from(properties(Map.of(
                "mail.mx.mode", "SUBMIT",
                "mail.mx.spool.directory", "/var/spool/./example",
                "mail.mx.spool.lifetime", "48h",
                "mail.mx.dsn.notify", "failure")));

        assertThat(other.differencesFrom(open)).isEmpty();
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of(
                        "mail.mx.tls",
                        "verfied",
                        "not one of the accepted values",
                        "none, opportunistic, required or verified"),
                Arguments.of("mail.mx.port", "25x", "not a whole number", "a port number from 1 to 65535"),
                Arguments.of("mail.mx.port", "0", "out of range", "a port number from 1 to 65535"),
                Arguments.of("mail.mx.allowlocaldestinations", "yes", "not a boolean", "true or false"),
                Arguments.of("mail.mx.timeout.connect", "30", "a duration needs a unit", "such as 500ms, 30s"),
                Arguments.of("mail.mx.timeout", "0s", "a duration must be positive", "such as 500ms, 30s"),
                Arguments.of("mail.mx.dns.timeout", "PT", "not an ISO-8601 duration", "PT30S"),
                Arguments.of("mail.mx.dns.server", "dns.example.org", "is not an IP address", "[2001:db8::53]:53"),
                Arguments.of("mail.mx.dns.server", "256.1.1.1", "is not an IPv4 address", "192.0.2.53:5353"),
                Arguments.of("mail.mx.dns.server", "192.0.2.53:70000", "the port is out of range", "192.0.2.53"),
                Arguments.of("mail.mx.dns.server", "[fe80::zz]:53", "is not an IPv6 address", "192.0.2.53"),
                Arguments.of("mail.mx.localaddress", "127.0.0.1, 127.0.0.2", "two IPv4 addresses", "one of each"),
                Arguments.of("mail.mx.localhost", "mail example org", "no spaces", "a fully qualified host name"),
                Arguments.of(
                        "mail.mx.addresspreference",
                        "ipv4",
                        "not one of",
                        "ipv4-first, ipv6-first, ipv4-only or ipv6-only"),
                Arguments.of("mail.mx.retry.jitter", "1", "out of range", "up to but not including 1"),
                Arguments.of("mail.mx.retry.multiplier", "0.5", "out of range", "a number from 1"),
                Arguments.of("mail.mx.retry.attempts", "0", "out of range", "a whole number from 1"),
                Arguments.of("mail.mx.dsn.notify", "never, failure", "NOTIFY=NEVER cannot be combined", "never, or a"),
                Arguments.of("mail.mx.dsn.ret", "headers", "not one of the accepted values", "full or hdrs"),
                Arguments.of(
                        "mail.mx.from",
                        "a@example.org\r\nRCPT TO:<x@example.net>",
                        "control character",
                        "an e-mail address"),
                Arguments.of("mail.mx.maxhosts", " ", "the value is empty", "a whole number from 1"),
                Arguments.of("mail.mx.mode", "queue", "not one of the accepted values", "send or submit"));
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void invalidValueNamesPropertyAndAcceptedValues(String key, String value, String reason, String accepted) {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of(key, value))))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("Invalid " + key + " ")
                .hasMessageContaining(reason)
                .hasMessageContaining("Expected ")
                .hasMessageContaining(accepted);
    }

    @Test
    void valueIsQuotedInMessage() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of("mail.mx.port", " 25x "))))
                .hasMessage(
                        "Invalid mail.mx.port \"25x\": not a whole number. Expected a port number from 1 to 65535.");
    }

    @Test
    void passwordIsNeverShown() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of(
                        "mail.mx.relay.host", "relay.example.org",
                        "mail.mx.relay.user", "relay-user",
                        "mail.mx.relay.password", "s3\u0000cr3t"))))
                .hasMessageContaining("Invalid mail.mx.relay.password (value hidden)")
                .hasMessageNotContaining("cr3t");
    }

    @Test
    void everyProblemIsReported() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of(
                        "mail.mx.tls", "verfied",
                        "mail.mx.port", "x",
                        "mail.mx.prot", "25"))))
                .hasMessageContaining("Invalid mail.mx.tls \"verfied\"")
                .hasMessageContaining("Invalid mail.mx.port \"x\"")
                .hasMessageContaining("Unknown property mail.mx.prot. Did you mean mail.mx.port?");
    }

    @Test
    void unknownKeyListsKnownKeys() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of("mail.mx.compression", "on"))))
                .hasMessageStartingWith("Unknown property mail.mx.compression. The mx transport reads mail.mx.from,")
                .hasMessageNotContaining("Did you mean")
                .hasMessageEndingWith("mail.mx.spool.relaypendingonclose, mail.mx.class.");
    }

    @Test
    void smtpHabitsGetReplacements() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of(
                        "mail.mx.host", "smtp.example.org",
                        "mail.mx.starttls.enable", "true"))))
                .hasMessageContaining("Unknown property mail.mx.host: the mx transport finds each recipient domain's"
                        + " MX hosts itself; set mail.mx.relay.host for a fallback relay.")
                .hasMessageContaining("Unknown property mail.mx.starttls.enable: use mail.mx.tls.");
    }

    @Test
    void relaySettingsNeedRelayHost() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of("mail.mx.relay.port", "587"))))
                .hasMessage("mail.mx.relay.port is set, but mail.mx.relay.host is not; set the relay's host name.");
    }

    @Test
    void relayUserNeedsPassword() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of(
                        "mail.mx.relay.host", "relay.example.org",
                        "mail.mx.relay.user", "relay-user"))))
                .hasMessage("Set both mail.mx.relay.user and mail.mx.relay.password for a relay that needs AUTH,"
                        + " or neither.");
    }

    @Test
    void relayCredentialsNeedTls() {
        assertThatThrownBy(() -> TransportSettings.from(properties(Map.of(
                        "mail.mx.relay.host", "relay.example.org",
                        "mail.mx.relay.tls", "opportunistic",
                        "mail.mx.relay.user", "relay-user",
                        "mail.mx.relay.password", "relay-secret"))))
                .hasMessageStartingWith("Invalid fallback relay settings: Relay credentials need TLS");
    }

    @Test
    void nonStringValueIsReadAsText() throws Exception {
        Properties properties = new Properties();
        properties.put("mail.mx.port", 2525);
        properties.put("mail.mx.tls", "bogus");

        assertThatThrownBy(() -> TransportSettings.from(properties)).hasMessageStartingWith("Invalid mail.mx.tls");
        properties.remove("mail.mx.tls");
        properties.put("mail.mx.port", new Object() {
            @Override
            public String toString() {
                return "not a port";
            }
        });
        assertThatThrownBy(() -> TransportSettings.from(properties))
                .hasMessageStartingWith("Invalid mail.mx.port \"not a port\"");
    }

    @Test
    void defaultPropertiesAreRead() {
        Properties defaults = properties(Map.of("mail.mx.tls", "verfied"));
        Properties properties = new Properties(defaults);

        assertThatThrownBy(() -> TransportSettings.from(properties)).hasMessageStartingWith("Invalid mail.mx.tls");
    }

    private static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        values.forEach(properties::setProperty);
        return properties;
    }
}
