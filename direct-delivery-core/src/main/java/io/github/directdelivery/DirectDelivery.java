package io.github.directdelivery;

import io.github.directdelivery.internal.delivery.DeliveryEngine;
import io.github.directdelivery.internal.delivery.DeliverySettings;
import io.github.directdelivery.internal.net.LoopbackOnly;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mail client that delivers directly: for each recipient domain it looks up the MX hosts, speaks
 * SMTP to them, and reports per recipient whether and where the message landed.
 *
 * <pre>{@code
 * DirectDelivery client = DirectDelivery.builder()
 *         .heloName("mail.example.com")
 *         .build();
 * DeliveryReport report = client.send(
 *         Envelope.of("sender@example.com", "alice@example.org", "bob@example.net"),
 *         MessageSource.ofPath(Path.of("message.eml")));
 * for (RecipientResult result : report.results()) {
 *     System.out.println(result);
 * }
 * }</pre>
 *
 * <p>Build a client once and share it: it is immutable and thread-safe, caches DNS answers, keeps
 * idle connections to MX hosts for reuse and remembers hosts that keep failing. {@link #close()}
 * releases the connections and the threads it created.
 */
public final class DirectDelivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DirectDelivery.class);

    private final DeliveryEngine engine;

    private DirectDelivery(DeliveryEngine engine) {
        this.engine = engine;
    }

    /** Returns a builder with the defaults described on each setter. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Delivers a message to every recipient of the envelope and waits for the outcome. Recipients of
     * the same domain share a transaction; domains are delivered concurrently. A recipient that a
     * server accepted is never sent the message again by the same call.
     *
     * @return one result per recipient
     * @throws IllegalArgumentException if an address is malformed, before any network traffic
     * @throws InvalidMessageException if the message is empty or cannot be sent as it is
     * @throws java.io.UncheckedIOException if the message source cannot be read
     * @throws IllegalStateException if the client is closed
     */
    public DeliveryReport send(Envelope envelope, MessageSource message) {
        return engine.deliver(envelope, message);
    }

    /**
     * Delivers a message like {@link #send} on the client's executor. Invalid input completes the
     * future exceptionally with the exception {@code send} would throw.
     */
    public CompletableFuture<DeliveryReport> sendAsync(Envelope envelope, MessageSource message) {
        return engine.deliverAsync(envelope, message);
    }

    /** Looks up the route to {@code domain} as {@code send} would use it, without connecting. */
    public Route resolve(String domain) {
        return engine.resolver().resolve(domain);
    }

    /** Returns the engine, for a {@link DurableDelivery} built on this client. */
    DeliveryEngine engine() {
        return engine;
    }

    /** Closes pooled connections and stops the threads this client created; idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    /** Returns whether {@link #close()} was called, after which {@code send} throws. */
    public boolean isClosed() {
        return engine.isClosed();
    }

    /** Builds a {@link DirectDelivery}; each setter rejects a bad value at once. */
    public static final class Builder {

        private static final Pattern HELO_NAME = Pattern.compile(
                "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
        private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[(IPv6:[0-9A-Fa-f:.]+|[0-9.]+)]");
        private static final Pattern IPV4 = Pattern.compile("[0-9]+(\\.[0-9]+){3}");

        private @Nullable String heloName;
        private @Nullable Inet4Address localIpv4Address;
        private @Nullable Inet6Address localIpv6Address;
        private final MxResolver.Builder resolver = MxResolver.builder();
        private TlsPolicy tlsPolicy = TlsPolicy.OPPORTUNISTIC;
        private @Nullable SSLContext verifiedTlsContext;
        private SmtpTimeouts timeouts = SmtpTimeouts.defaults();
        private Duration sendTimeout = Duration.ofMinutes(10);
        private RetrySettings retry = RetrySettings.defaults();
        private @Nullable Executor executor;
        private int maxConcurrentDomains = 8;
        private int maxConnectionsPerHost = 4;
        private Duration idleConnectionTimeout = Duration.ofSeconds(30);
        private int circuitBreakerFailures = 5;
        private Duration circuitBreakerOpenDuration = Duration.ofMinutes(1);
        private int rateLimitPerHost = 0;
        private Duration rateLimitPeriod = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SplittableRandom();
        private DeliveryListener listener = DeliveryListener.NONE;
        private boolean allowLocalDestinations;
        private int smtpPort = 25;
        private @Nullable FallbackRelay fallbackRelay;
        private boolean recordTranscript;

        private Builder() {}

        /**
         * Sets the name sent in EHLO and used in generated Message-IDs. Big receivers check that it
         * is a fully qualified name that resolves to the sending address. Default: this host's
         * canonical name, with a warning at build time when it is not fully qualified.
         */
        public Builder heloName(String name) {
            Objects.requireNonNull(name, "heloName");
            // RFC 5321 §4.1.1.1: EHLO takes a domain name or an address literal in brackets.
            if (!HELO_NAME.matcher(name).matches()
                    && !ADDRESS_LITERAL.matcher(name).matches()) {
                throw new IllegalArgumentException("heloName must be a host name such as mail.example.com, "
                        + "or an address literal such as [192.0.2.1], not \"" + name + "\"");
            }
            if (IPV4.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "heloName " + name + " is an IP address; write it as an address literal: [" + name + "]");
            }
            this.heloName = name;
            return this;
        }

        /** Sets the local IPv4 address to send from, for a host with several. Default: the system's choice. */
        public Builder localIpv4Address(Inet4Address address) {
            this.localIpv4Address = Objects.requireNonNull(address, "localIpv4Address");
            return this;
        }

        /** Sets the local IPv6 address to send from, for a host with several. Default: the system's choice. */
        public Builder localIpv6Address(Inet6Address address) {
            this.localIpv6Address = Objects.requireNonNull(address, "localIpv6Address");
            return this;
        }

        /** Sets the DNS server to query. Default: the system's resolver configuration. */
        public Builder dnsServer(InetSocketAddress server) {
            resolver.dnsServer(server);
            return this;
        }

        /** Sets how long one DNS query waits for an answer; see {@link MxResolver.Builder#timeout}. */
        public Builder dnsTimeout(Duration timeout) {
            resolver.timeout(timeout);
            return this;
        }

        /** Sets how often an unanswered DNS query is sent again; see {@link MxResolver.Builder#retries}. */
        public Builder dnsRetries(int retries) {
            resolver.retries(retries);
            return this;
        }

        /** Sets which address families are tried first. Default: {@link AddressPreference#IPV4_FIRST}. */
        public Builder addressPreference(AddressPreference preference) {
            resolver.addressPreference(preference);
            return this;
        }

        /** Sets how many MX hosts of a domain one attempt tries; see {@link MxResolver.Builder#maxHosts}. */
        public Builder maxHosts(int hosts) {
            resolver.maxHosts(hosts);
            return this;
        }

        /** Sets how many addresses one attempt tries in all; see {@link MxResolver.Builder#maxAddresses}. */
        public Builder maxAddresses(int addresses) {
            resolver.maxAddresses(addresses);
            return this;
        }

        /**
         * Sets whether MX hosts with loopback, private, link-local and other addresses that are not
         * publicly routable may be used. Default false; tests and private networks set it.
         */
        public Builder allowLocalDestinations(boolean allow) {
            resolver.allowLocalDestinations(allow);
            this.allowLocalDestinations = allow;
            return this;
        }

        /** Sets how sessions with MX hosts use STARTTLS. Default: {@link TlsPolicy#OPPORTUNISTIC}. */
        public Builder tlsPolicy(TlsPolicy policy) {
            this.tlsPolicy = Objects.requireNonNull(policy, "tlsPolicy");
            return this;
        }

        /**
         * Sets the TLS context whose trust managers verify certificates under
         * {@link TlsPolicy#VERIFIED} and for the relay. Default: the JVM's default context.
         */
        public Builder verifiedTlsContext(SSLContext context) {
            this.verifiedTlsContext = Objects.requireNonNull(context, "verifiedTlsContext");
            return this;
        }

        /** Sets the SMTP timeouts. Default: {@link SmtpTimeouts#defaults()}, the values of RFC 5321 §4.5.3.2. */
        public Builder timeouts(SmtpTimeouts smtpTimeouts) {
            this.timeouts = Objects.requireNonNull(smtpTimeouts, "timeouts");
            return this;
        }

        /**
         * Sets the overall deadline of one {@code send}, retries included, for reaching the end of
         * the data. Default: 10 minutes.
         *
         * <p>Until the end of the data is written, every step of a session with an MX host
         * (connect, greeting, EHLO, STARTTLS and the handshake, the replies to MAIL, RCPT and DATA,
         * each write of the content) is bounded by the smaller of its own {@link SmtpTimeouts}
         * value and the time left. A step cut short closes the connection, and the recipients
         * without a reply are DEFERRED with status code 4.4.7 and a text naming the deadline and
         * the step. No further host, address or retry is tried after the deadline.
         *
         * <p>A transaction whose data was sent is always waited for up to
         * {@link SmtpTimeouts#dataEnd()}, whatever the deadline, so a {@code send} can return up to
         * that long after it. If that wait expires, the recipients are DEFERRED with
         * {@link RecipientResult#outcomeUnknown()} set. A durable queue applies the same deadline to
         * each of its delivery attempts. The fallback relay is bounded by its timeouts only.
         *
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder sendTimeout(Duration timeout) {
            this.sendTimeout = positive(timeout, "sendTimeout");
            return this;
        }

        /** Sets the in-process retry of {@code send}. Default: {@link RetrySettings#defaults()}. */
        public Builder retry(RetrySettings settings) {
            this.retry = Objects.requireNonNull(settings, "retry");
            return this;
        }

        /**
         * Sets the executor that runs {@code sendAsync} and the concurrent domains of one message.
         * It is not shut down by {@link #close()}. Default: threads the client creates and stops.
         */
        public Builder executor(Executor deliveryExecutor) {
            this.executor = Objects.requireNonNull(deliveryExecutor, "executor");
            return this;
        }

        /** Sets how many domains of one message are delivered at the same time. Default: 8. */
        public Builder maxConcurrentDomains(int domains) {
            this.maxConcurrentDomains = atLeastOne(domains, "maxConcurrentDomains");
            return this;
        }

        /** Sets how many sessions may be open to one MX host at the same time. Default: 4. */
        public Builder maxConnectionsPerHost(int connections) {
            this.maxConnectionsPerHost = atLeastOne(connections, "maxConnectionsPerHost");
            return this;
        }

        /** Sets how long an idle connection is kept for the next message to the same host. Default: 30 s. */
        public Builder idleConnectionTimeout(Duration timeout) {
            this.idleConnectionTimeout = positive(timeout, "idleConnectionTimeout");
            return this;
        }

        /**
         * Sets when an MX host is skipped: after {@code failures} failed connections in a row, later
         * messages skip it for {@code openDuration}. Default: 5 failures, 1 minute.
         */
        public Builder circuitBreaker(int failures, Duration openDuration) {
            this.circuitBreakerFailures = atLeastOne(failures, "circuitBreaker failures");
            this.circuitBreakerOpenDuration = positive(openDuration, "circuitBreaker openDuration");
            return this;
        }

        /**
         * Limits new transactions per MX host to {@code transactions} per {@code period}, for
         * receivers that throttle senders. A send waits for the host's next free slot only when
         * that slot comes before its deadline. Otherwise it goes on to the next MX host at once, and
         * recipients that no host can take in time are DEFERRED with 4.4.7. Default: no limit.
         */
        public Builder rateLimitPerHost(int transactions, Duration period) {
            this.rateLimitPerHost = atLeastOne(transactions, "rateLimitPerHost transactions");
            this.rateLimitPeriod = positive(period, "rateLimitPerHost period");
            return this;
        }

        /**
         * Sets the clock for timestamps, the Date field and the expiry of cached DNS answers and routes.
         * Default: the system UTC clock.
         */
        public Builder clock(Clock deliveryClock) {
            this.clock = Objects.requireNonNull(deliveryClock, "clock");
            resolver.clock(deliveryClock);
            return this;
        }

        /** Sets the random source for MX shuffling, retry jitter and Message-IDs; seed it in tests. */
        public Builder random(RandomGenerator generator) {
            this.random = Objects.requireNonNull(generator, "random");
            resolver.random(generator);
            return this;
        }

        /** Sets the listener for delivery events. Default: none. */
        public Builder listener(DeliveryListener deliveryListener) {
            this.listener = Objects.requireNonNull(deliveryListener, "listener");
            return this;
        }

        /** Sets the SMTP port of MX hosts. Default: 25; tests point it at a loopback server. */
        public Builder smtpPort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("smtpPort must be between 1 and 65535, not " + port);
            }
            this.smtpPort = port;
            return this;
        }

        /** Sets the relay for recipients whose MX hosts cannot be reached at all. Default: none. */
        public Builder fallbackRelay(FallbackRelay relay) {
            this.fallbackRelay = Objects.requireNonNull(relay, "fallbackRelay");
            return this;
        }

        /** Sets whether reports carry the SMTP transcript (AUTH redacted). Default: false. */
        public Builder recordTranscript(boolean record) {
            this.recordTranscript = record;
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalStateException if no HELO name was set and this host's name cannot be found,
         *     or loopback-only mode is on (finding the name could query a DNS server)
         */
        public DirectDelivery build() {
            String helo = heloName != null ? heloName : localHostName();
            SSLContext verified = verifiedTlsContext != null ? verifiedTlsContext : defaultTlsContext();
            DeliverySettings settings = new DeliverySettings(
                    helo,
                    localIpv4Address,
                    localIpv6Address,
                    resolver.build(),
                    tlsPolicy,
                    verified,
                    timeouts,
                    sendTimeout,
                    retry,
                    executor,
                    maxConcurrentDomains,
                    maxConnectionsPerHost,
                    idleConnectionTimeout,
                    circuitBreakerFailures,
                    circuitBreakerOpenDuration,
                    rateLimitPerHost,
                    rateLimitPeriod,
                    clock,
                    random,
                    listener,
                    allowLocalDestinations,
                    smtpPort,
                    fallbackRelay,
                    recordTranscript);
            return new DirectDelivery(new DeliveryEngine(settings));
        }

        private static String localHostName() {
            // Finding the canonical name may query the system's DNS resolver, which the
            // loopback-only mode must not reach.
            if (LoopbackOnly.enabled()) {
                throw new IllegalStateException("Set heloName: finding this host's name may query the system's "
                        + "DNS resolver, and " + LoopbackOnly.PROPERTY + " allows only loopback destinations");
            }
            String name;
            try {
                name = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("Cannot find this host's name; set heloName", e);
            }
            if (name.indexOf('.') < 0) {
                log.warn(
                        "The HELO name {} is not fully qualified; receivers may reject or distrust the mail. "
                                + "Set heloName to the name of this host's public address.",
                        name);
            }
            return name;
        }

        private static SSLContext defaultTlsContext() {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("The JVM has no default TLS context; set verifiedTlsContext", e);
            }
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, not " + duration);
            }
            return duration;
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, not " + value);
            }
            return value;
        }
    }
}
