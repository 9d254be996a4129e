package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.Credentials;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.TlsPolicy;
import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Everything an {@link SmtpSession} needs to know, fixed when it opens: the session reads no other
 * configuration. Build with {@link #builder(String, ScheduledExecutorService)}.
 *
 * @param heloName the name sent with EHLO and HELO, normally this host's fully qualified name
 * @param tlsPolicy how STARTTLS is used
 * @param timeouts the time limits
 * @param localAddress the address to connect from, or null for the system's choice
 * @param verifiedTls the context for {@link TlsPolicy#VERIFIED}, whose trust managers check the chain
 * @param unverifiedTls the context for the other policies, which accepts any certificate
 * @param keepTranscript whether the session keeps the dialogue for the caller (it is always logged
 *     at TRACE)
 * @param watchdogScheduler the scheduler that closes sockets whose writes take too long; shared
 *     between sessions and owned by the caller
 * @param role whether the peer is an MX host or the fallback relay
 * @param credentials the relay login, or null; only for {@link Role#RELAY}
 * @param implicitTls whether TLS starts right after connecting (port 465, RFC 8314 §3.3) instead
 *     of with STARTTLS; only for {@link Role#RELAY}
 */
public record SmtpSettings(
        String heloName,
        TlsPolicy tlsPolicy,
        SmtpTimeouts timeouts,
        @Nullable InetAddress localAddress,
        SSLContext verifiedTls,
        SSLContext unverifiedTls,
        boolean keepTranscript,
        ScheduledExecutorService watchdogScheduler,
        Role role,
        @Nullable Credentials credentials,
        boolean implicitTls) {

    /** The kind of server the session talks to. */
    public enum Role {
        /** A destination MX host: never authenticated to. */
        MX,
        /** The fallback relay (smarthost): AUTH and implicit TLS are allowed. */
        RELAY
    }

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if the HELO name is empty or contains spaces or control
     *     characters, or credentials or implicit TLS are given for an MX session, or implicit TLS is
     *     combined with {@link TlsPolicy#NONE}
     */
    public SmtpSettings {
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(tlsPolicy, "tlsPolicy");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(verifiedTls, "verifiedTls");
        Objects.requireNonNull(unverifiedTls, "unverifiedTls");
        Objects.requireNonNull(watchdogScheduler, "watchdogScheduler");
        Objects.requireNonNull(role, "role");
        if (heloName.isEmpty() || heloName.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException(
                    "HELO name must be a non-empty name without spaces: \"" + heloName + "\"");
        }
        if (role == Role.MX && (credentials != null || implicitTls)) {
            throw new IllegalArgumentException("credentials and implicit TLS are only for the relay, not for MX hosts");
        }
        if (implicitTls && tlsPolicy == TlsPolicy.NONE) {
            throw new IllegalArgumentException("implicit TLS cannot be combined with TLS policy NONE");
        }
    }

    /**
     * Starts settings for MX sessions with the defaults: {@link TlsPolicy#OPPORTUNISTIC},
     * {@link SmtpTimeouts#defaults()}, the JDK's default trust for VERIFIED, no transcript.
     */
    public static Builder builder(String heloName, ScheduledExecutorService watchdogScheduler) {
        return new Builder(heloName, watchdogScheduler);
    }

    /** Builds {@link SmtpSettings}; each setter replaces one value. */
    public static final class Builder {
        private final String heloName;
        private final ScheduledExecutorService watchdogScheduler;
        private TlsPolicy tlsPolicy = TlsPolicy.OPPORTUNISTIC;
        private SmtpTimeouts timeouts = SmtpTimeouts.defaults();
        private @Nullable InetAddress localAddress;
        private @Nullable SSLContext verifiedTls;
        private @Nullable SSLContext unverifiedTls;
        private boolean keepTranscript;
        private Role role = Role.MX;
        private @Nullable Credentials credentials;
        private boolean implicitTls;

        private Builder(String heloName, ScheduledExecutorService watchdogScheduler) {
            this.heloName = heloName;
            this.watchdogScheduler = watchdogScheduler;
        }

        /** Sets how STARTTLS is used; default {@link TlsPolicy#OPPORTUNISTIC}. */
        public Builder tlsPolicy(TlsPolicy value) {
            this.tlsPolicy = value;
            return this;
        }

        /** Sets the time limits; default {@link SmtpTimeouts#defaults()}. */
        public Builder timeouts(SmtpTimeouts value) {
            this.timeouts = value;
            return this;
        }

        /** Sets the local address to connect from; default null, the system's choice. */
        public Builder localAddress(@Nullable InetAddress value) {
            this.localAddress = value;
            return this;
        }

        /**
         * Sets the context whose trust managers check certificate chains under VERIFIED; default
         * the JDK's default context.
         */
        public Builder verifiedTls(SSLContext value) {
            this.verifiedTls = value;
            return this;
        }

        /** Sets the context for unverified TLS; by default one that accepts any certificate. */
        public Builder unverifiedTls(SSLContext value) {
            this.unverifiedTls = value;
            return this;
        }

        /** Sets whether the session keeps the dialogue for the caller; default false. */
        public Builder keepTranscript(boolean value) {
            this.keepTranscript = value;
            return this;
        }

        /** Makes these settings for the fallback relay, with optional credentials and implicit TLS. */
        public Builder relay(@Nullable Credentials login, boolean implicit) {
            this.role = Role.RELAY;
            this.credentials = login;
            this.implicitTls = implicit;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @throws IllegalArgumentException as the record's constructor
         * @throws IllegalStateException if the JDK provides no TLS context
         */
        public SmtpSettings build() {
            return new SmtpSettings(
                    heloName,
                    tlsPolicy,
                    timeouts,
                    localAddress,
                    verifiedTls != null ? verifiedTls : TlsContexts.systemDefault(),
                    unverifiedTls != null ? unverifiedTls : TlsContexts.acceptingAnyCertificate(),
                    keepTranscript,
                    watchdogScheduler,
                    role,
                    credentials,
                    implicitTls);
        }
    }
}
