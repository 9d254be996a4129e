package io.github.directdelivery.jakarta.internal.settings;

import io.github.directdelivery.AddressPreference;
import io.github.directdelivery.TlsPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The session properties the {@code mx} transport reads, each with the values it accepts. */
public enum MxProperty {
    FROM("from", "an e-mail address, or <> for the null reverse-path"),
    LOCALHOST("localhost", "a fully qualified host name"),
    LOCAL_ADDRESS("localaddress", "an IPv4 address, an IPv6 address, or one of each separated by a comma"),
    PORT("port", "a port number from 1 to 65535"),
    ALLOW_LOCAL_DESTINATIONS("allowlocaldestinations", Values.BOOLEAN),
    DNS_SERVER(
            "dns.server",
            "an IP address with an optional port, such as 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:53"),
    DNS_TIMEOUT("dns.timeout", Values.DURATION),
    DNS_RETRIES("dns.retries", "a whole number from 0"),
    ADDRESS_PREFERENCE("addresspreference", Values.choices(AddressPreference.class)),
    MAX_HOSTS("maxhosts", "a whole number from 1"),
    MAX_ADDRESSES("maxaddresses", "a whole number from 1"),
    TLS("tls", Values.choices(TlsPolicy.class)),
    TIMEOUT("timeout", Values.DURATION),
    TIMEOUT_CONNECT("timeout.connect", Values.DURATION),
    TIMEOUT_GREETING("timeout.greeting", Values.DURATION),
    TIMEOUT_COMMAND("timeout.command", Values.DURATION),
    TIMEOUT_TLS("timeout.tls", Values.DURATION),
    TIMEOUT_MAIL("timeout.mail", Values.DURATION),
    TIMEOUT_RCPT("timeout.rcpt", Values.DURATION),
    TIMEOUT_DATA_START("timeout.datastart", Values.DURATION),
    TIMEOUT_DATA_BLOCK("timeout.datablock", Values.DURATION),
    TIMEOUT_DATA_END("timeout.dataend", Values.DURATION),
    TIMEOUT_WRITE("timeout.write", Values.DURATION),
    SEND_TIMEOUT("sendtimeout", Values.DURATION),
    RETRY_ATTEMPTS("retry.attempts", "a whole number from 1"),
    RETRY_INTERVAL("retry.interval", Values.DURATION),
    RETRY_MULTIPLIER("retry.multiplier", "a number from 1, such as 2.0"),
    RETRY_JITTER("retry.jitter", "a number from 0 up to but not including 1, such as 0.5"),
    RETRY_TRANSIENT("retry.transient", Values.BOOLEAN),
    CONNECTIONS_PER_HOST("connections.perhost", "a whole number from 1"),
    CONNECTIONS_IDLE_TIMEOUT("connections.idletimeout", Values.DURATION),
    CONCURRENT_DOMAINS("concurrentdomains", "a whole number from 1"),
    DSN_NOTIFY("dsn.notify", "never, or a comma-separated list of success, failure and delay"),
    DSN_RET("dsn.ret", "full or hdrs"),
    TRANSCRIPT("transcript", Values.BOOLEAN),
    RELAY_HOST("relay.host", "a host name or IP address"),
    RELAY_PORT("relay.port", "a port number from 1 to 65535"),
    RELAY_IMPLICIT_TLS("relay.implicittls", Values.BOOLEAN),
    RELAY_TLS("relay.tls", Values.choices(TlsPolicy.class)),
    RELAY_USER("relay.user", "a user name"),
    RELAY_PASSWORD("relay.password", "a password"),
    MODE("mode", Values.choices(TransportMode.class)),
    SPOOL_DIRECTORY("spool.directory", "the path of a directory that this process can create and write"),
    SPOOL_LIFETIME("spool.lifetime", Values.DURATION),
    SPOOL_RETRY_INTERVAL("spool.retry.interval", Values.DURATION),
    SPOOL_RETRY_MAX_INTERVAL("spool.retry.maxinterval", Values.DURATION),
    SPOOL_RETRY_MULTIPLIER("spool.retry.multiplier", "a number from 1, such as 2.0"),
    SPOOL_RETRY_JITTER("spool.retry.jitter", "a number from 0 up to but not including 1, such as 0.5"),
    SPOOL_DELAY_NOTICE("spool.delaynotice", Values.DURATION),
    SPOOL_CONCURRENCY("spool.concurrency", "a whole number from 1"),
    SPOOL_SHUTDOWN_TIMEOUT("spool.shutdowntimeout", Values.DURATION),
    SPOOL_RELAY_PENDING_ON_CLOSE("spool.relaypendingonclose", Values.BOOLEAN),
    /** Jakarta Mail's own property: the class that implements the protocol. Accepted, not read here. */
    PROVIDER_CLASS("class", "the class name of a Jakarta Mail transport");

    /** The prefix of every property: {@code mail.} and the protocol name, as Jakarta Mail names them. */
    public static final String PREFIX = "mail.mx.";

    private final String key;
    private final String accepted;

    MxProperty(String suffix, String accepted) {
        this.key = PREFIX + suffix;
        this.accepted = accepted;
    }

    /** Returns the full property name, such as {@code mail.mx.tls}. */
    public String key() {
        return key;
    }

    /** Returns a description of the accepted values, for error messages. */
    public String accepted() {
        return accepted;
    }

    /** Returns whether the value must not appear in messages. */
    boolean isSecret() {
        return this == RELAY_PASSWORD;
    }

    /** Returns whether the property configures the spool, so that it applies only in submit mode. */
    boolean isSpoolSetting() {
        return name().startsWith("SPOOL_");
    }

    /**
     * Returns whether transports that share one spool must agree on the value. The envelope sender
     * and DSN options are applied to each message as it is submitted, so they may differ, and the
     * spool directory is compared by its real path instead.
     */
    boolean isSharedBySpool() {
        return switch (this) {
            case FROM, DSN_NOTIFY, DSN_RET, PROVIDER_CLASS, SPOOL_DIRECTORY -> false;
            default -> true;
        };
    }

    /** Returns the property with this full name. */
    public static Optional<MxProperty> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    /** Returns every full property name, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(MxProperty::key).toList();
    }
}
