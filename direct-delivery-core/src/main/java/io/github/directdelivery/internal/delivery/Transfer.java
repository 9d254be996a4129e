package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.RetrySettings;
import io.github.directdelivery.Route;
import io.github.directdelivery.internal.message.MessageContent;
import io.github.directdelivery.internal.smtp.DeliveryOutcome;
import io.github.directdelivery.internal.smtp.OpenResult;
import io.github.directdelivery.internal.smtp.SendDeadline;
import io.github.directdelivery.internal.smtp.SessionFailure;
import io.github.directdelivery.internal.smtp.SmtpEnvelope;
import io.github.directdelivery.internal.smtp.SmtpSession;
import io.github.directdelivery.internal.smtp.SmtpSettings;
import io.github.directdelivery.internal.smtp.TranscriptLine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One message on its way: the envelope, the prepared content and the deadline, shared by the
 * deliveries to its domains, with the engine's pool, guards and listener. Every connection and
 * transaction goes through here, so events and the transcript are recorded in one place.
 */
final class Transfer {

    private final EngineParts parts;
    private final String sender;
    private final DsnOptions dsn;
    private final MessageContent content;
    private final Instant deadline;
    private final RetrySettings retry;
    private final Recipients recipients;
    private final TransactionObserver observer;
    private final List<String> transcript = new ArrayList<>();

    Transfer(
            EngineParts parts,
            String sender,
            DsnOptions dsn,
            MessageContent content,
            Instant deadline,
            RetrySettings retry,
            Recipients recipients,
            TransactionObserver observer) {
        this.parts = parts;
        this.sender = sender;
        this.dsn = dsn;
        this.content = content;
        this.deadline = deadline;
        this.retry = retry;
        this.recipients = recipients;
        this.observer = observer;
    }

    DeliverySettings settings() {
        return parts.settings();
    }

    HostGuards guards() {
        return parts.guards();
    }

    SessionPool pool() {
        return parts.pool();
    }

    DeliveryListener listener() {
        return parts.listener();
    }

    MessageContent content() {
        return content;
    }

    String sender() {
        return sender;
    }

    DsnOptions dsn() {
        return dsn;
    }

    /** Returns the in-process retry for this message: the client's, or a single attempt for a queue. */
    RetrySettings retry() {
        return retry;
    }

    /** Returns the retry runner for {@link #retry()}, built once per client where possible. */
    DomainRetry domainRetry() {
        return parts.domainRetry(retry);
    }

    Instant now() {
        return parts.settings().clock().instant();
    }

    Instant deadline() {
        return deadline;
    }

    boolean deadlinePassed() {
        return !now().isBefore(deadline);
    }

    /** Returns the deadline as sessions with MX hosts apply it, up to the end of the data. */
    SendDeadline sessionDeadline() {
        return SendDeadline.at(
                deadline, parts.settings().sendTimeout(), parts.settings().clock());
    }

    double nextRandom() {
        return parts.nextRandom();
    }

    Route resolve(String domain) {
        listener().resolveStart(domain);
        Route route = parts.settings().resolver().resolve(domain);
        listener().resolveEnd(domain, route);
        return route;
    }

    /**
     * Opens a session with an MX host within the send deadline; {@code plaintext} is the retry after
     * a failed opportunistic handshake.
     */
    OpenResult open(String host, InetSocketAddress target, boolean plaintext) {
        return open(host, target, parts.mxSettings(target, plaintext), sessionDeadline());
    }

    /**
     * Opens a session with the given settings and only their timeouts, reporting the events to the
     * listener. The fallback relay is opened this way, since it is tried once the direct path has
     * ended, often after the deadline.
     */
    OpenResult open(String host, InetSocketAddress target, SmtpSettings sessionSettings) {
        return open(host, target, sessionSettings, SendDeadline.none());
    }

    private OpenResult open(
            String host, InetSocketAddress target, SmtpSettings sessionSettings, SendDeadline sessionDeadline) {
        listener().connectStart(host, target);
        OpenResult result = SmtpSession.open(host, target, sessionSettings, sessionDeadline);
        if (result instanceof OpenResult.Opened opened) {
            listener().connectEnd(host, target);
            if (opened.session().tls() != null) {
                listener().tlsEnd(host, opened.session().tls());
            }
            return result;
        }
        OpenResult.Failed failed = (OpenResult.Failed) result;
        record(failed.transcript());
        SessionFailure failure = failed.failure();
        switch (failure.kind()) {
            case CONNECT_FAILED -> listener().connectFailed(host, target, asIoException(failure));
            case TLS_FAILED, TLS_UNAVAILABLE -> listener().tlsFailed(host, asIoException(failure));
            default -> {}
        }
        return result;
    }

    /** Sends the message to {@code recipients} over {@code session}, bounded by the session timeouts only. */
    DeliveryOutcome deliver(SmtpSession session, List<String> recipients) {
        return deliver(session, recipients, SendDeadline.none());
    }

    /** Sends the message to {@code recipients} over an MX session, up to the end of the data within the deadline. */
    DeliveryOutcome deliverWithinDeadline(SmtpSession session, List<String> recipients) {
        return deliver(session, recipients, sessionDeadline());
    }

    private DeliveryOutcome deliver(SmtpSession session, List<String> recipients, SendDeadline sessionDeadline) {
        DeliveryOutcome outcome = session.deliver(new SmtpEnvelope(sender, recipients, dsn), content, sessionDeadline);
        record(outcome.transcript());
        return outcome;
    }

    /** Passes the recipients a transaction decided to the observer, spelled as in the envelope. */
    void decided(List<RecipientResult> results) {
        List<RecipientResult> decided = new ArrayList<>();
        for (RecipientResult result : results) {
            if (result.status() == DeliveryStatus.DEFERRED) {
                continue;
            }
            for (String given : recipients.givenForms(result.recipient())) {
                decided.add(Outcomes.withRecipient(result, given));
            }
        }
        if (!decided.isEmpty()) {
            observer.decided(List.copyOf(decided));
        }
    }

    /** Adds lines of a session's dialogue to this message's transcript. */
    synchronized void record(List<TranscriptLine> lines) {
        lines.forEach(line -> transcript.add(line.toString()));
    }

    synchronized List<String> transcript() {
        return List.copyOf(transcript);
    }

    private static IOException asIoException(SessionFailure failure) {
        if (failure.cause() instanceof IOException io) {
            return io;
        }
        return new IOException(failure.message(), failure.cause());
    }
}
