package io.github.directdelivery.internal.dns;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedSelectorException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * Sends DNS lookups through a dnsjava {@link LookupSession} with its own cache, and turns each
 * outcome into a {@link DnsAnswer}. The cache keeps positive answers for their TTL and negative
 * answers (NXDOMAIN and NODATA) for the SOA minimum of the authority section (RFC 2308 §5); it does
 * not keep failures, so a SERVFAIL or a timeout is asked again next time. CNAME chains are followed.
 * Each answer carries when it expires by the given clock, and an answer that has expired by that
 * clock is asked again even if dnsjava's cache, which runs on the system clock, still holds it.
 * Thread-safe.
 */
final class DnsClient {

    private static final Logger LOG = LoggerFactory.getLogger(DnsClient.class);

    private final LookupSession session;
    private final Cache cache = new Cache(DClass.IN);
    private final ExpiryTrackingResolver expiries;

    DnsClient(Resolver resolver, Clock clock) {
        this.expiries = new ExpiryTrackingResolver(resolver, clock);
        // No search path and no hosts file: every name is absolute and answered by the resolver.
        this.session = LookupSession.builder().resolver(expiries).cache(cache).build();
    }

    /**
     * Looks up the records of {@code type} at the absolute {@code name}. Every DNS failure becomes
     * an answer, so the future fails only on an {@link Error} such as {@link OutOfMemoryError}.
     */
    CompletableFuture<DnsAnswer> lookup(Name name, int type) {
        forgetIfExpired(name, type);
        CompletionStage<LookupResult> pending;
        try {
            pending = session.lookupAsync(name, type);
        } catch (RuntimeException e) {
            // dnsjava can throw before it returns a future, for example while the JVM shuts down.
            return CompletableFuture.completedFuture(toAnswer(e, name, type));
        }
        return pending.handle((result, failure) ->
                        failure == null ? toAnswer(result, name, type) : toAnswer(failure, name, type))
                .toCompletableFuture();
    }

    private void forgetIfExpired(Name name, int type) {
        if (expiries.forgetIfExpired(name, type)) {
            // flushName also drops an NXDOMAIN entry, which dnsjava keeps apart from the types.
            cache.flushName(name);
        }
    }

    private DnsAnswer toAnswer(LookupResult result, Name name, int type) {
        Instant expires = expiry(name, result.getAliases(), type);
        return result.getRecords().isEmpty()
                ? new DnsAnswer.NoData(expires)
                : new DnsAnswer.Found(result.getRecords(), expires);
    }

    /**
     * Returns when an answer expires: the earliest expiry of the questions along its CNAME chain,
     * or null when the question itself has no noted expiry, so that the answer is not kept.
     */
    private @Nullable Instant expiry(Name name, List<Name> aliases, int type) {
        Instant expires = expiries.expiry(name, type);
        if (expires == null) {
            return null;
        }
        // A chain that came in one response was noted under the first name only.
        for (Name alias : aliases) {
            forgetIfExpired(alias, type);
            Instant aliasExpires = expiries.expiry(alias, type);
            if (aliasExpires != null && aliasExpires.isBefore(expires)) {
                expires = aliasExpires;
            }
        }
        return expires;
    }

    private DnsAnswer toAnswer(Throwable failure, Name name, int type) {
        Throwable cause = unwrap(failure);
        String lookup = Type.string(type) + " lookup for " + name.toString(true);
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof NoSuchDomainException) {
            return new DnsAnswer.NoSuchDomain(expiries.expiry(name, type));
        }
        if (cause instanceof NoSuchRRSetException) {
            return new DnsAnswer.NoData(expiries.expiry(name, type));
        }
        if (cause instanceof ServerFailedException) {
            return new DnsAnswer.TemporaryFailure(lookup + " failed: the DNS server answered SERVFAIL");
        }
        if (cause instanceof SocketTimeoutException) {
            return new DnsAnswer.TemporaryFailure(lookup + " timed out: no answer from the DNS server");
        }
        if (cause instanceof LookupFailedException || cause instanceof IOException) {
            return new DnsAnswer.TemporaryFailure(lookup + " failed: " + cause.getMessage());
        }
        if (isJvmShutdown(cause)) {
            return new DnsAnswer.TemporaryFailure(lookup + " failed: the JVM is shutting down");
        }

        // An unexpected exception is most likely a bug, but it must not make a delivery fail for good.
        LOG.warn("{} failed unexpectedly; treating it as a temporary failure", lookup, cause);
        return new DnsAnswer.TemporaryFailure(lookup + " failed: " + cause);
    }

    /**
     * Tells whether a lookup failed because the JVM is shutting down. dnsjava opens its selector on
     * the first lookup and registers a shutdown hook then. Once shutdown has begun, the JDK rejects
     * that hook with this message. Lookups after dnsjava's own hook has run find the selector closed.
     */
    private static boolean isJvmShutdown(Throwable cause) {
        return cause instanceof ClosedSelectorException
                || (cause instanceof IllegalStateException && "Shutdown in progress".equals(cause.getMessage()));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
