package io.github.directdelivery.internal.dns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * Passes queries to a resolver and notes, for each answered question, when its answer expires by
 * this instance's clock. A positive answer expires with the shortest TTL in its answer section,
 * a CNAME included. A negative answer (NXDOMAIN or NODATA) expires after the lower of its SOA's
 * TTL and minimum (RFC 2308 §5). A failed query is not noted. Thread-safe.
 *
 * <p>dnsjava's cache reports a cached record with the TTL it arrived with, not the time it has
 * left, so only the arrival time noted here tells when a cached answer really expires.
 */
final class ExpiryTrackingResolver implements Resolver {

    /** The maximum number of questions noted at once. When the map is full, expired ones are dropped first. */
    static final int MAX_QUESTIONS = 50_000;

    private final Resolver delegate;
    private final Clock clock;
    private final Map<Question, Instant> expiries = new ConcurrentHashMap<>();

    ExpiryTrackingResolver(Resolver delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    /** A question: the name asked and the record type. */
    private record Question(Name name, int type) {}

    /**
     * Returns when the last answer to the question expires, or null if no answer was noted or it
     * has been forgotten.
     */
    @Nullable
    Instant expiry(Name name, int type) {
        return expiries.get(new Question(name, type));
    }

    /**
     * Forgets the question if its answer has expired by this instance's clock, and returns whether
     * it did, so that the caller can drop the answer from its cache too.
     */
    boolean forgetIfExpired(Name name, int type) {
        Question question = new Question(name, type);
        Instant expiry = expiries.get(question);
        return expiry != null && !clock.instant().isBefore(expiry) && expiries.remove(question, expiry);
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        return delegate.sendAsync(query, executor).thenApply(response -> {
            note(response);
            return response;
        });
    }

    private void note(Message response) {
        Record question = response.getQuestion();
        if (question == null) {
            return;
        }
        Duration ttl = ttl(response);
        if (ttl == null) {
            return;
        }
        if (expiries.size() >= MAX_QUESTIONS) {
            dropExpired();
        }
        if (expiries.size() < MAX_QUESTIONS) {
            expiries.put(
                    new Question(question.getName(), question.getType()),
                    clock.instant().plus(ttl));
        }
    }

    /** Returns how long the response may be cached, or null if it is a failure that is not cached. */
    private static @Nullable Duration ttl(Message response) {
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return null;
        }
        List<Record> answers = response.getSection(Section.ANSWER);
        if (rcode == Rcode.NOERROR && !answers.isEmpty()) {
            long shortest = Long.MAX_VALUE;
            for (Record answer : answers) {
                shortest = Math.min(shortest, answer.getTTL());
            }
            return Duration.ofSeconds(shortest);
        }
        // RFC 2308 §5: a negative answer is cached for the lower of the SOA's TTL and its minimum.
        for (Record authority : response.getSection(Section.AUTHORITY)) {
            if (authority instanceof SOARecord soa) {
                return Duration.ofSeconds(Math.min(soa.getTTL(), soa.getMinimum()));
            }
        }
        return Duration.ZERO;
    }

    private void dropExpired() {
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !now.isBefore(expiry));
    }

    @Override
    public void setPort(int port) {
        delegate.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
        delegate.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        delegate.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        delegate.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(TSIG key) {
        delegate.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
        delegate.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        return delegate.getTimeout();
    }
}
