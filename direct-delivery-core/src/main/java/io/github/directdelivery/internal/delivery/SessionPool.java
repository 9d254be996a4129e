package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.internal.smtp.SmtpSession;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Idle SMTP sessions kept for the next message to the same address. A session is handed to one
 * thread at a time; it is kept only while {@link SmtpSession#isReusable()} and for at most the idle
 * timeout, and at most {@code maxIdlePerAddress} per address.
 */
final class SessionPool implements AutoCloseable {

    private record Idle(SmtpSession session, Instant since) {}

    private final Map<InetSocketAddress, Deque<Idle>> idle = new HashMap<>();
    private final int maxIdlePerAddress;
    private final Duration idleTimeout;
    private final Clock clock;
    private boolean closed;

    SessionPool(int maxIdlePerAddress, Duration idleTimeout, Clock clock) {
        this.maxIdlePerAddress = maxIdlePerAddress;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** Takes an idle session to {@code address}, or returns null when there is none. */
    @Nullable
    SmtpSession take(InetSocketAddress address) {
        List<SmtpSession> expired = new ArrayList<>();
        SmtpSession found = null;
        synchronized (this) {
            Deque<Idle> sessions = idle.get(address);
            Instant cutoff = clock.instant().minus(idleTimeout);
            while (sessions != null && !sessions.isEmpty() && found == null) {
                Idle candidate = sessions.pollLast();
                if (candidate.since.isBefore(cutoff) || !candidate.session.isReusable()) {
                    expired.add(candidate.session);
                } else {
                    found = candidate.session;
                }
            }
        }
        expired.forEach(SmtpSession::close);
        return found;
    }

    /** Keeps {@code session} for reuse, or closes it when it cannot be reused or the pool is full. */
    void release(SmtpSession session) {
        boolean kept = false;
        if (session.isReusable()) {
            synchronized (this) {
                Deque<Idle> sessions = idle.computeIfAbsent(session.address(), key -> new ArrayDeque<>());
                if (!closed && sessions.size() < maxIdlePerAddress) {
                    sessions.addLast(new Idle(session, clock.instant()));
                    kept = true;
                }
            }
        }
        if (!kept) {
            session.close();
        }
    }

    /** Closes the sessions that have been idle for longer than the idle timeout. */
    void evictExpired() {
        List<SmtpSession> expired = new ArrayList<>();
        synchronized (this) {
            Instant cutoff = clock.instant().minus(idleTimeout);
            for (Iterator<Deque<Idle>> byAddress = idle.values().iterator(); byAddress.hasNext(); ) {
                Deque<Idle> sessions = byAddress.next();
                sessions.removeIf(entry -> {
                    boolean stale = entry.since.isBefore(cutoff) || !entry.session.isReusable();
                    if (stale) {
                        expired.add(entry.session);
                    }
                    return stale;
                });
                if (sessions.isEmpty()) {
                    byAddress.remove();
                }
            }
        }
        expired.forEach(SmtpSession::close);
    }

    /** Closes every idle session; sessions released later are closed at once. */
    @Override
    public void close() {
        List<SmtpSession> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(sessions -> sessions.forEach(entry -> all.add(entry.session)));
            idle.clear();
        }
        all.forEach(SmtpSession::close);
    }
}
