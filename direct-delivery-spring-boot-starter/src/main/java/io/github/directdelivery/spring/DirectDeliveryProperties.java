package io.github.directdelivery.spring;

import io.github.directdelivery.AddressPreference;
import io.github.directdelivery.TlsPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of the direct-delivery client and of its durable spool, bound from the
 * {@code direct-delivery.*} properties.
 *
 * <p>Every default is the core library's default, so an application that sets only
 * {@code direct-delivery.helo-name} gets the client that {@code DirectDelivery.builder()} builds.
 * Values are checked when the client is built: an invalid one stops the application at start-up
 * with a report that names the property and what to change.
 */
@ConfigurationProperties("direct-delivery")
public class DirectDeliveryProperties {

    /** Handover mode of the JavaMailSender: SEND delivers each message at once, SUBMIT stores it in the spool. */
    private DeliveryMode mode = DeliveryMode.SEND;

    /** Name sent in EHLO and used in Message-IDs; default: this host's canonical name. */
    private @Nullable String heloName;

    /** Local IPv4 address to send from, for a host with several; default: the system's choice. */
    private @Nullable String localIpv4Address;

    /** Local IPv6 address to send from, for a host with several; default: the system's choice. */
    private @Nullable String localIpv6Address;

    /** Address families of MX hosts to try, and in which order. */
    private AddressPreference addressPreference = AddressPreference.IPV4_FIRST;

    /** STARTTLS policy for sessions with MX hosts. */
    private TlsPolicy tlsPolicy = TlsPolicy.OPPORTUNISTIC;

    /** TCP port of MX hosts; only tests and private networks change it. */
    private int smtpPort = 25;

    /** Whether MX hosts on loopback, private and other non-public addresses may be used. */
    private boolean allowLocalDestinations;

    /** Overall deadline of one send, retries included. */
    private Duration sendTimeout = Duration.ofMinutes(10);

    /** Envelope sender for messages that have no From or Sender field. */
    private @Nullable String defaultSender;

    private final Dns dns = new Dns();

    private final Timeouts timeouts = new Timeouts();

    private final Retry retry = new Retry();

    private final FallbackRelay fallbackRelay = new FallbackRelay();

    private final Spool spool = new Spool();

    public DeliveryMode getMode() {
        return mode;
    }

    public void setMode(DeliveryMode mode) {
        this.mode = mode;
    }

    public @Nullable String getHeloName() {
        return heloName;
    }

    public void setHeloName(@Nullable String heloName) {
        this.heloName = heloName;
    }

    public @Nullable String getLocalIpv4Address() {
        return localIpv4Address;
    }

    public void setLocalIpv4Address(@Nullable String localIpv4Address) {
        this.localIpv4Address = localIpv4Address;
    }

    public @Nullable String getLocalIpv6Address() {
        return localIpv6Address;
    }

    public void setLocalIpv6Address(@Nullable String localIpv6Address) {
        this.localIpv6Address = localIpv6Address;
    }

    public AddressPreference getAddressPreference() {
        return addressPreference;
    }

    public void setAddressPreference(AddressPreference addressPreference) {
        this.addressPreference = addressPreference;
    }

    public TlsPolicy getTlsPolicy() {
        return tlsPolicy;
    }

    public void setTlsPolicy(TlsPolicy tlsPolicy) {
        this.tlsPolicy = tlsPolicy;
    }

    public int getSmtpPort() {
        return smtpPort;
    }

    public void setSmtpPort(int smtpPort) {
        this.smtpPort = smtpPort;
    }

    public boolean isAllowLocalDestinations() {
        return allowLocalDestinations;
    }

    public void setAllowLocalDestinations(boolean allowLocalDestinations) {
        this.allowLocalDestinations = allowLocalDestinations;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public @Nullable String getDefaultSender() {
        return defaultSender;
    }

    public void setDefaultSender(@Nullable String defaultSender) {
        this.defaultSender = defaultSender;
    }

    public Dns getDns() {
        return dns;
    }

    public Timeouts getTimeouts() {
        return timeouts;
    }

    public Retry getRetry() {
        return retry;
    }

    public FallbackRelay getFallbackRelay() {
        return fallbackRelay;
    }

    public Spool getSpool() {
        return spool;
    }

    /** The DNS resolver that finds MX hosts. */
    public static class Dns {

        /** DNS server as an IP address with an optional port, such as 192.0.2.53:53 or [2001:db8::53]:53; default: the system's. */
        private @Nullable String server;

        /** Time to wait for the response to one DNS query. */
        private Duration timeout = Duration.ofSeconds(5);

        /** Number of times an unanswered DNS query is sent again to each server. */
        private int retries = 1;

        public @Nullable String getServer() {
            return server;
        }

        public void setServer(@Nullable String server) {
            this.server = server;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }
    }

    /** The time limits of an SMTP session; the defaults follow RFC 5321 section 4.5.3.2. */
    public static class Timeouts {

        /** Time limit for opening the TCP connection. */
        private Duration connect = Duration.ofSeconds(30);

        /** Time limit for the server's greeting. */
        private Duration greeting = Duration.ofMinutes(5);

        /** Reply limit for EHLO, HELO, STARTTLS, AUTH, RSET, NOOP and QUIT. */
        private Duration command = Duration.ofMinutes(5);

        /** Time limit for a TLS handshake. */
        private Duration tlsHandshake = Duration.ofMinutes(1);

        /** Reply limit for MAIL. */
        private Duration mail = Duration.ofMinutes(5);

        /** Reply limit for each RCPT. */
        private Duration rcpt = Duration.ofMinutes(5);

        /** Reply limit for DATA, the 354. */
        private Duration dataStart = Duration.ofMinutes(2);

        /** Time limit for writing one block of message data. */
        private Duration dataBlock = Duration.ofMinutes(3);

        /** Reply limit after the final dot or BDAT LAST. */
        private Duration dataEnd = Duration.ofMinutes(10);

        /** Time limit for writing one command or batch of pipelined commands. */
        private Duration write = Duration.ofMinutes(3);

        public Duration getConnect() {
            return connect;
        }

        public void setConnect(Duration connect) {
            this.connect = connect;
        }

        public Duration getGreeting() {
            return greeting;
        }

        public void setGreeting(Duration greeting) {
            this.greeting = greeting;
        }

        public Duration getCommand() {
            return command;
        }

        public void setCommand(Duration command) {
            this.command = command;
        }

        public Duration getTlsHandshake() {
            return tlsHandshake;
        }

        public void setTlsHandshake(Duration tlsHandshake) {
            this.tlsHandshake = tlsHandshake;
        }

        public Duration getMail() {
            return mail;
        }

        public void setMail(Duration mail) {
            this.mail = mail;
        }

        public Duration getRcpt() {
            return rcpt;
        }

        public void setRcpt(Duration rcpt) {
            this.rcpt = rcpt;
        }

        public Duration getDataStart() {
            return dataStart;
        }

        public void setDataStart(Duration dataStart) {
            this.dataStart = dataStart;
        }

        public Duration getDataBlock() {
            return dataBlock;
        }

        public void setDataBlock(Duration dataBlock) {
            this.dataBlock = dataBlock;
        }

        public Duration getDataEnd() {
            return dataEnd;
        }

        public void setDataEnd(Duration dataEnd) {
            this.dataEnd = dataEnd;
        }

        public Duration getWrite() {
            return write;
        }

        public void setWrite(Duration write) {
            this.write = write;
        }
    }

    /** The short in-process retry of a send: connection and DNS failures, and 4xx replies when enabled. */
    public static class Retry {

        /** Attempts in all, including the first; 1 turns retrying off. */
        private int maxAttempts = 3;

        /** Pause before the first retry. */
        private Duration initialInterval = Duration.ofSeconds(1);

        /** Factor by which each pause grows. */
        private double multiplier = 2.0;

        /** Random jitter of each pause, from 0 (none) to below 1. */
        private double randomizationFactor = 0.5;

        /** Whether recipients that got a 4xx reply are retried too. */
        private boolean retryTransientReplies;

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialInterval() {
            return initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public double getRandomizationFactor() {
            return randomizationFactor;
        }

        public void setRandomizationFactor(double randomizationFactor) {
            this.randomizationFactor = randomizationFactor;
        }

        public boolean isRetryTransientReplies() {
            return retryTransientReplies;
        }

        public void setRetryTransientReplies(boolean retryTransientReplies) {
            this.retryTransientReplies = retryTransientReplies;
        }
    }

    /** The relay used only for recipients whose MX hosts cannot be reached at all. */
    public static class FallbackRelay {

        /** Host name or IP address of the relay; unset means no relay. */
        private @Nullable String host;

        /** Port of the relay; default: 465 with implicit TLS, otherwise 587. */
        private @Nullable Integer port;

        /** Whether TLS starts on connect (port 465) instead of with STARTTLS. */
        private boolean implicitTls;

        /** Certificate check for the relay: VERIFIED checks the chain and name, REQUIRED accepts a self-signed one. */
        private TlsPolicy tlsPolicy = TlsPolicy.VERIFIED;

        /** User name for AUTH; set together with the password, or neither to send without AUTH. */
        private @Nullable String username;

        /** Password for AUTH, sent only over TLS. */
        private @Nullable String password;

        public @Nullable String getHost() {
            return host;
        }

        public void setHost(@Nullable String host) {
            this.host = host;
        }

        public @Nullable Integer getPort() {
            return port;
        }

        public void setPort(@Nullable Integer port) {
            this.port = port;
        }

        public boolean isImplicitTls() {
            return implicitTls;
        }

        public void setImplicitTls(boolean implicitTls) {
            this.implicitTls = implicitTls;
        }

        public TlsPolicy getTlsPolicy() {
            return tlsPolicy;
        }

        public void setTlsPolicy(TlsPolicy tlsPolicy) {
            this.tlsPolicy = tlsPolicy;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }

    /** The durable spool that stores messages in submit mode, and its retry schedule. */
    public static class Spool {

        /** Directory of the spool, created if missing, and required in submit mode. */
        private @Nullable Path directory;

        /** Pause after the first attempt before a deferred recipient is tried again. */
        private Duration firstRetry = Duration.ofMinutes(5);

        /** Maximum pause between two attempts, up to which the pauses double from the first retry. */
        private Duration maxRetryInterval = Duration.ofHours(1);

        /** Time after submission when recipients still deferred expire and the sender gets a failure notice. */
        private Duration maxLifetime = Duration.ofDays(5);

        /** Time after submission when a message still deferred causes one delay notice; default: none. */
        private @Nullable Duration delayNoticeAfter;

        /** Number of messages delivered at the same time. */
        private int concurrency = 8;

        /** Time that shutdown waits for running deliveries, after which they stay in the spool for the next start. */
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        /** Whether shutdown hands the recipients still pending to the fallback relay. */
        private boolean relayPendingOnClose;

        public @Nullable Path getDirectory() {
            return directory;
        }

        public void setDirectory(@Nullable Path directory) {
            this.directory = directory;
        }

        public Duration getFirstRetry() {
            return firstRetry;
        }

        public void setFirstRetry(Duration firstRetry) {
            this.firstRetry = firstRetry;
        }

        public Duration getMaxRetryInterval() {
            return maxRetryInterval;
        }

        public void setMaxRetryInterval(Duration maxRetryInterval) {
            this.maxRetryInterval = maxRetryInterval;
        }

        public Duration getMaxLifetime() {
            return maxLifetime;
        }

        public void setMaxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
        }

        public @Nullable Duration getDelayNoticeAfter() {
            return delayNoticeAfter;
        }

        public void setDelayNoticeAfter(@Nullable Duration delayNoticeAfter) {
            this.delayNoticeAfter = delayNoticeAfter;
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public boolean isRelayPendingOnClose() {
            return relayPendingOnClose;
        }

        public void setRelayPendingOnClose(boolean relayPendingOnClose) {
            this.relayPendingOnClose = relayPendingOnClose;
        }
    }
}
