package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.MxHost;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.internal.smtp.DeliveryOutcome;
import io.github.directdelivery.internal.smtp.OpenResult;
import io.github.directdelivery.internal.smtp.RecipientOutcome;
import io.github.directdelivery.internal.smtp.SessionFailure;
import io.github.directdelivery.internal.smtp.SmtpSession;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MX host's turn in a walk over a route: its addresses are tried in order until a session
 * opens, the message goes to the recipients left, and whatever the host could not decide goes on
 * to the next host (RFC 5321 §5.1).
 */
final class HostAttempt {

    private static final Logger log = LoggerFactory.getLogger(HostAttempt.class);

    /** RFC 3463 4.4.7: the sender's own time limit for the delivery ran out. */
    private static final EnhancedStatusCode TIME_EXPIRED = new EnhancedStatusCode(4, 4, 7);

    private final Transfer transfer;
    private final MxHost host;
    private final DomainDelivery.HostWalk walk;
    private final int attempts;

    HostAttempt(Transfer transfer, MxHost host, DomainDelivery.HostWalk walk, int attempts) {
        this.transfer = transfer;
        this.host = host;
        this.walk = walk;
        this.attempts = attempts;
    }

    void run() {
        HostGuards.Guard guard = transfer.guards().forHost(host.name());
        if (!guard.breaker.tryAcquirePermission()) {
            log.debug("Skipping {}: it failed repeatedly and its circuit is open", host.name());
            String text = "Skipped " + host.name() + ": it failed repeatedly and is not tried again for a while";
            walk.remaining().forEach(recipient -> walk.deferToNextHost(recipient, local(recipient, text, null), false));
            return;
        }
        boolean tried = false;
        try {
            for (InetAddress address : host.addresses()) {
                if (walk.remaining().isEmpty() || transfer.deadlinePassed()) {
                    break;
                }
                tried = true;
                Step step = tryAddress(
                        guard,
                        new InetSocketAddress(address, transfer.settings().smtpPort()));
                if (step != Step.NEXT_ADDRESS) {
                    break;
                }
            }
        } finally {
            if (opened) {
                guard.breaker.onSuccess(0, TimeUnit.MILLISECONDS);
            } else if (tried && !cutByDeadline) {
                guard.breaker.onError(0, TimeUnit.MILLISECONDS, new IOException("no session with " + host.name()));
            } else {
                guard.breaker.releasePermission();
            }
        }
    }

    /** The next step after one address. */
    private enum Step {
        /** The host replied to the transaction; the next host gets only the recipients left. */
        DONE,
        /** The address could not be reached: try the host's next address. */
        NEXT_ADDRESS,
        /** The host refused the session (greeting, EHLO, TLS): go on to the next host. */
        NEXT_HOST
    }

    private boolean opened;
    /** Whether the send deadline, not the host, ended the last session opening, so the circuit breaker ignores it. */
    private boolean cutByDeadline;

    private Step tryAddress(HostGuards.Guard guard, InetSocketAddress target) {
        if (!guard.bulkhead.tryAcquirePermission()) {
            String text = "Too many sessions to " + host.name() + " are open; the limit is "
                    + transfer.settings().maxConnectionsPerHost();
            walk.remaining()
                    .forEach(recipient -> walk.deferToNextHost(recipient, local(recipient, text, target), false));
            return Step.NEXT_HOST;
        }
        try {
            SmtpSession session = transfer.pool().take(target);
            if (session == null) {
                Opening opening = open(target);
                if (opening.session == null) {
                    return opening.failedStep;
                }
                session = opening.session;
            }
            opened = true;
            walk.connected = true;
            return deliver(guard, session);
        } finally {
            guard.bulkhead.onComplete();
        }
    }

    /** A new session, or the step to take when none could be opened. */
    private record Opening(@Nullable SmtpSession session, Step failedStep) {}

    private Opening open(InetSocketAddress target) {
        OpenResult result = transfer.open(host.name(), target, false);
        if (result instanceof OpenResult.Failed failed && failed.failure().plaintextRetryAllowed()) {
            log.debug("TLS with {} [{}] failed; delivering in plaintext: {}", host.name(), target, failed.failure());
            result = transfer.open(host.name(), target, true);
        }
        if (result instanceof OpenResult.Opened success) {
            return new Opening(success.session(), Step.DONE);
        }
        SessionFailure failure = ((OpenResult.Failed) result).failure();
        cutByDeadline = failure.deadlinePassed();
        walk.deferAll(
                failure,
                recipient -> Outcomes.failure(recipient, failure, host.name(), target, attempts, transfer.now()));
        // RFC 5321 §5.1: an unreachable address leads to the host's next address; a host that
        // replies but refuses the session (greeting, EHLO, TLS) leads to the next host.
        Step next =
                switch (failure.kind()) {
                    case CONNECT_FAILED, TIMEOUT, CONNECTION_LOST, PROTOCOL_ERROR -> Step.NEXT_ADDRESS;
                    default -> Step.NEXT_HOST;
                };
        return new Opening(null, next);
    }

    private Step deliver(HostGuards.Guard guard, SmtpSession first) {
        if (guard.rateLimiter != null && !awaitTransactionSlot(guard.rateLimiter)) {
            String text = "No transaction with " + host.name() + " fits before the send deadline: the limit is "
                    + transfer.settings().rateLimitPerHost() + " per "
                    + transfer.settings().rateLimitPeriod();
            walk.remaining()
                    .forEach(recipient -> walk.deferToNextHost(
                            recipient, local(recipient, TIME_EXPIRED, text, first.address()), false));
            transfer.pool().release(first);
            return Step.NEXT_HOST;
        }
        List<String> recipients = List.copyOf(walk.remaining());
        transfer.listener().transactionStart(host.name(), recipients);
        SmtpSession session = first;
        DeliveryOutcome outcome = transfer.deliverWithinDeadline(session, recipients);
        if (outcome.failure() != null && outcome.failure().kind() == SessionFailure.Kind.NEEDS_RECONNECT) {
            // The pooled connection had been closed by the server: not an attempt, open afresh.
            session.close();
            Opening fresh = open(session.address());
            if (fresh.session == null) {
                return fresh.failedStep;
            }
            session = fresh.session;
            outcome = transfer.deliverWithinDeadline(session, recipients);
        }

        List<RecipientResult> decided = new ArrayList<>();
        for (RecipientOutcome recipient : outcome.recipients()) {
            RecipientResult result =
                    Outcomes.fromSession(recipient, outcome, host.name(), false, attempts, transfer.now());
            decided.add(result);
            classify(recipient, result);
        }
        transfer.listener().transactionEnd(host.name(), decided);
        transfer.decided(decided);
        transfer.pool().release(session);
        return Step.DONE;
    }

    private void classify(RecipientOutcome outcome, RecipientResult result) {
        SessionFailure failure = outcome.failure();
        // A recipient cut off before its reply goes on to the next host. A reply, an unknown
        // outcome after the data, or an unreadable message ends the walk for it.
        if (outcome.status() == DeliveryStatus.DEFERRED
                && failure != null
                && !outcome.outcomeUnknown()
                && failure.kind() != SessionFailure.Kind.MESSAGE_SOURCE_FAILED) {
            walk.deferToNextHost(outcome.recipient(), result, failure.kind() == SessionFailure.Kind.HOST_UNSUITABLE);
        } else {
            walk.decide(outcome.recipient(), result, outcome);
        }
    }

    /**
     * Waits for the host's rate limiter to allow a transaction, if it does so before the send
     * deadline. Returns false, without waiting, when the next free slot comes after the deadline.
     */
    private boolean awaitTransactionSlot(RateLimiter limiter) {
        // A reservation may take a slot that is then left unused, which only makes the limit stricter.
        long waitNanos = limiter.reservePermission();
        if (waitNanos < 0) {
            return false;
        }
        if (transfer.now().plus(Duration.ofNanos(waitNanos)).isAfter(transfer.deadline())) {
            return false;
        }
        if (waitNanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private RecipientResult local(String recipient, String text, @Nullable InetSocketAddress address) {
        return local(recipient, null, text, address);
    }

    private RecipientResult local(
            String recipient, @Nullable EnhancedStatusCode code, String text, @Nullable InetSocketAddress address) {
        return Outcomes.local(
                recipient, DeliveryStatus.DEFERRED, code, text, host.name(), address, attempts, transfer.now());
    }
}
