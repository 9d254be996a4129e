package io.github.directdelivery.jakarta.internal.settings;

import static io.github.directdelivery.jakarta.internal.settings.MxProperty.*;

import io.github.directdelivery.AddressPreference;
import io.github.directdelivery.Credentials;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.FallbackRelay;
import io.github.directdelivery.RetrySettings;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.TlsPolicy;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mail.mx.*} session properties, checked and mapped onto the core client's builder.
 * This is the one place that reads them: the transport builds its client from the result.
 */
public final class TransportSettings {

    private final DirectDelivery.Builder builder;
    private final @Nullable String envelopeSender;
    private final @Nullable DsnOptions dsn;
    private final TransportMode mode;
    private final @Nullable SpoolSettings spool;
    private final Map<MxProperty, Object> values;
    private final Map<String, String> texts;

    private TransportSettings(
            DirectDelivery.Builder builder,
            @Nullable String envelopeSender,
            @Nullable DsnOptions dsn,
            TransportMode mode,
            @Nullable SpoolSettings spool,
            PropertyReader in) {
        this.builder = builder;
        this.envelopeSender = envelopeSender;
        this.dsn = dsn;
        this.mode = mode;
        this.spool = spool;
        this.values = in.parsedValues();
        this.texts = in.texts();
    }

    /**
     * Reads the {@code mail.mx.*} entries of {@code properties}; other entries are ignored. A value
     * is trimmed before it is parsed.
     *
     * @throws MessagingException naming each unknown property and each invalid value with the
     *     values it accepts
     */
    public static TransportSettings from(Properties properties) throws MessagingException {
        PropertyReader in = PropertyReader.of(properties);
        DirectDelivery.Builder builder = DirectDelivery.builder();

        in.apply(LOCALHOST, Values::hostName, builder::heloName);
        in.apply(LOCAL_ADDRESS, Values::localAddresses, addresses -> {
            if (addresses.ipv4() != null) {
                builder.localIpv4Address(addresses.ipv4());
            }
            if (addresses.ipv6() != null) {
                builder.localIpv6Address(addresses.ipv6());
            }
        });
        in.apply(PORT, Values.wholeNumber(1, 65535), builder::smtpPort);
        in.apply(ALLOW_LOCAL_DESTINATIONS, Values::bool, builder::allowLocalDestinations);
        in.apply(DNS_SERVER, Values::dnsServer, builder::dnsServer);
        in.apply(DNS_TIMEOUT, Values::duration, builder::dnsTimeout);
        in.apply(DNS_RETRIES, Values.wholeNumber(0, Integer.MAX_VALUE), builder::dnsRetries);
        in.apply(ADDRESS_PREFERENCE, Values.choice(AddressPreference.class), builder::addressPreference);
        in.apply(MAX_HOSTS, Values.wholeNumber(1, Integer.MAX_VALUE), builder::maxHosts);
        in.apply(MAX_ADDRESSES, Values.wholeNumber(1, Integer.MAX_VALUE), builder::maxAddresses);
        in.apply(TLS, Values.choice(TlsPolicy.class), builder::tlsPolicy);
        in.apply(SEND_TIMEOUT, Values::duration, builder::sendTimeout);
        in.apply(CONNECTIONS_PER_HOST, Values.wholeNumber(1, Integer.MAX_VALUE), builder::maxConnectionsPerHost);
        in.apply(CONNECTIONS_IDLE_TIMEOUT, Values::duration, builder::idleConnectionTimeout);
        in.apply(CONCURRENT_DOMAINS, Values.wholeNumber(1, Integer.MAX_VALUE), builder::maxConcurrentDomains);
        in.apply(TRANSCRIPT, Values::bool, builder::recordTranscript);
        builder.timeouts(timeouts(in));
        builder.retry(retry(in));
        FallbackRelay relay = relay(in);
        if (relay != null) {
            builder.fallbackRelay(relay);
        }
        String envelopeSender = in.read(FROM, Values::text);
        DsnOptions dsn = dsn(in);
        in.read(PROVIDER_CLASS, Values::text);
        TransportMode mode = in.isSet(MODE) ? in.read(MODE, Values.choice(TransportMode.class)) : TransportMode.SEND;
        SpoolSettings spool = SpoolSettings.read(in, mode, in.isSet(RELAY_HOST));

        in.finish();
        // finish() has thrown if the mode was invalid.
        return new TransportSettings(builder, envelopeSender, dsn, Objects.requireNonNull(mode), spool, in);
    }

    /**
     * Builds a client with these settings. Call it once per transport connection: each client has
     * its own connection pool and threads, which {@link DirectDelivery#close()} releases.
     *
     * @throws IllegalStateException if no HELO name is set and this host's name cannot be found
     */
    public DirectDelivery newClient() {
        return builder.build();
    }

    /** Returns what {@code sendMessage} does: deliver at once ({@code send}, the default) or queue ({@code submit}). */
    public TransportMode mode() {
        return mode;
    }

    /** Returns the spool settings of submit mode, or null in send mode. */
    public @Nullable SpoolSettings spool() {
        return spool;
    }

    /**
     * Describes each property that the transports sharing one spool must agree on and whose value
     * differs between these settings and {@code open}, the settings the spool was opened with. A
     * password is not shown.
     *
     * @return one sentence per differing property, empty when they agree
     */
    public List<String> differencesFrom(TransportSettings open) {
        List<String> differences = new ArrayList<>();
        for (MxProperty property : MxProperty.values()) {
            if (!property.isSharedBySpool() || Objects.equals(values.get(property), open.values.get(property))) {
                continue;
            }
            if (property.isSecret()) {
                differences.add(property.key() + " differs from the open spool's value, which is not shown.");
            } else {
                differences.add(property.key() + " is " + describe(property) + " here but " + open.describe(property)
                        + " in the open spool.");
            }
        }
        return differences;
    }

    private String describe(MxProperty property) {
        String text = texts.get(property.key());
        return text == null ? "not set" : "\"" + text + "\"";
    }

    /** Returns the envelope sender for every message ({@code mail.mx.from}), or null to take it from each message. */
    public @Nullable String envelopeSender() {
        return envelopeSender;
    }

    /** Returns the delivery status notifications to request ({@code mail.mx.dsn.*}), or null for none. */
    public @Nullable DsnOptions dsn() {
        return dsn;
    }

    private static SmtpTimeouts timeouts(PropertyReader in) {
        Duration all = in.read(TIMEOUT, Values::duration);
        SmtpTimeouts timeouts = all != null ? SmtpTimeouts.uniform(all) : SmtpTimeouts.defaults();
        timeouts = withTimeout(in, timeouts, TIMEOUT_CONNECT, SmtpTimeouts::withConnect);
        timeouts = withTimeout(in, timeouts, TIMEOUT_GREETING, SmtpTimeouts::withGreeting);
        timeouts = withTimeout(in, timeouts, TIMEOUT_COMMAND, SmtpTimeouts::withCommand);
        timeouts = withTimeout(in, timeouts, TIMEOUT_TLS, SmtpTimeouts::withTlsHandshake);
        timeouts = withTimeout(in, timeouts, TIMEOUT_MAIL, SmtpTimeouts::withMail);
        timeouts = withTimeout(in, timeouts, TIMEOUT_RCPT, SmtpTimeouts::withRcpt);
        timeouts = withTimeout(in, timeouts, TIMEOUT_DATA_START, SmtpTimeouts::withDataStart);
        timeouts = withTimeout(in, timeouts, TIMEOUT_DATA_BLOCK, SmtpTimeouts::withDataBlock);
        timeouts = withTimeout(in, timeouts, TIMEOUT_DATA_END, SmtpTimeouts::withDataEnd);
        return withTimeout(in, timeouts, TIMEOUT_WRITE, SmtpTimeouts::withWrite);
    }

    private static SmtpTimeouts withTimeout(
            PropertyReader in,
            SmtpTimeouts timeouts,
            MxProperty property,
            BiFunction<SmtpTimeouts, Duration, SmtpTimeouts> setter) {
        Duration value = in.read(property, Values::duration);
        return value != null ? setter.apply(timeouts, value) : timeouts;
    }

    private static RetrySettings retry(PropertyReader in) {
        RetrySettings defaults = RetrySettings.defaults();
        Integer attempts = in.read(RETRY_ATTEMPTS, Values.wholeNumber(1, Integer.MAX_VALUE));
        Duration interval = in.read(RETRY_INTERVAL, Values::duration);
        Double multiplier = in.read(RETRY_MULTIPLIER, Values.decimal(1.0, Double.POSITIVE_INFINITY));
        Double jitter = in.read(RETRY_JITTER, Values.decimal(0.0, 1.0));
        Boolean transientReplies = in.read(RETRY_TRANSIENT, Values::bool);
        return new RetrySettings(
                attempts != null ? attempts : defaults.maxAttempts(),
                interval != null ? interval : defaults.initialInterval(),
                multiplier != null ? multiplier : defaults.multiplier(),
                jitter != null ? jitter : defaults.randomizationFactor(),
                transientReplies != null ? transientReplies : defaults.retryTransientReplies());
    }

    private static @Nullable FallbackRelay relay(PropertyReader in) {
        String host = in.read(RELAY_HOST, Values::hostName);
        Integer port = in.read(RELAY_PORT, Values.wholeNumber(1, 65535));
        Boolean implicitTls = in.read(RELAY_IMPLICIT_TLS, Values::bool);
        TlsPolicy tls = in.read(RELAY_TLS, Values.choice(TlsPolicy.class));
        String user = in.read(RELAY_USER, Values::text);
        String password = in.read(RELAY_PASSWORD, Values::text);
        if (!in.isSet(RELAY_HOST)) {
            for (MxProperty property :
                    EnumSet.of(RELAY_PORT, RELAY_IMPLICIT_TLS, RELAY_TLS, RELAY_USER, RELAY_PASSWORD)) {
                if (in.isSet(property)) {
                    in.problem(property.key() + " is set, but " + RELAY_HOST.key()
                            + " is not; set the relay's host name.");
                }
            }
            return null;
        }
        if (in.isSet(RELAY_USER) != in.isSet(RELAY_PASSWORD)) {
            in.problem("Set both " + RELAY_USER.key() + " and " + RELAY_PASSWORD.key() + " for a relay that needs AUTH,"
                    + " or neither.");
            return null;
        }
        if (host == null) {
            return null;
        }

        boolean implicit = implicitTls != null && implicitTls;
        int relayPort;
        if (port != null) {
            relayPort = port;
        } else {
            relayPort = implicit ? 465 : 587;
        }
        try {
            Credentials credentials = user != null && password != null ? new Credentials(user, password) : null;
            return new FallbackRelay(host, relayPort, implicit, tls != null ? tls : TlsPolicy.VERIFIED, credentials);
        } catch (IllegalArgumentException e) {
            in.problem("Invalid fallback relay settings: " + e.getMessage() + ".");
            return null;
        }
    }

    private static @Nullable DsnOptions dsn(PropertyReader in) {
        Set<DsnOptions.Notify> notify = in.read(DSN_NOTIFY, TransportSettings::notifyValues);
        DsnOptions.Return ret = in.read(DSN_RET, TransportSettings::returnValue);
        if (notify == null && ret == null) {
            return null;
        }
        try {
            return new DsnOptions(notify != null ? notify : Set.of(), ret, null);
        } catch (IllegalArgumentException e) {
            in.reject(DSN_NOTIFY, e.getMessage());
            return null;
        }
    }

    private static Set<DsnOptions.Notify> notifyValues(String value) {
        Set<DsnOptions.Notify> notify = EnumSet.noneOf(DsnOptions.Notify.class);
        for (String item : value.split(",", -1)) {
            notify.add(Values.choice(DsnOptions.Notify.class).parse(item.trim()));
        }
        return notify;
    }

    private static DsnOptions.Return returnValue(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "full" -> DsnOptions.Return.FULL;
            case "hdrs" -> DsnOptions.Return.HEADERS;
            default -> throw new IllegalArgumentException("not one of the accepted values");
        };
    }
}
