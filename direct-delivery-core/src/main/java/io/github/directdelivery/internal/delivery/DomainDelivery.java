package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.MxHost;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.ResolvedRoute;
import io.github.directdelivery.Route;
import io.github.directdelivery.UnresolvedRoute;
import io.github.directdelivery.internal.net.AddressClassifier;
import io.github.directdelivery.internal.net.LoopbackOnly;
import io.github.directdelivery.internal.smtp.RecipientOutcome;
import io.github.directdelivery.internal.smtp.SessionFailure;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one message to the recipients of one domain: resolves the route, walks its hosts in
 * order until every recipient has a final reply, and repeats the attempt for recipients whose
 * destination could not be reached, as the retry settings allow.
 */
final class DomainDelivery {

    private static final Logger log = LoggerFactory.getLogger(DomainDelivery.class);

    // RFC 3463 X.4.7: delivery time expired.
    private static final EnhancedStatusCode TIME_EXPIRED = new EnhancedStatusCode(4, 4, 7);

    private final Transfer transfer;
    private final String domain;
    private final @Nullable InetAddress literalAddress;
    private final List<String> recipients;

    private final Map<String, RecipientResult> results = new LinkedHashMap<>();
    private final Set<String> retryable = new HashSet<>();
    private final Set<String> unreachable = new HashSet<>();
    private int attempts;
    private @Nullable HostWalk currentWalk;

    /**
     * @param literalAddress the address of an address-literal domain such as {@code [192.0.2.1]},
     *     which is delivered to without an MX lookup (RFC 5321 §5.1)
     * @param recipients the recipients' SMTP forms, all of {@code domain}
     */
    DomainDelivery(Transfer transfer, String domain, @Nullable InetAddress literalAddress, List<String> recipients) {
        this.transfer = transfer;
        this.domain = domain;
        this.literalAddress = literalAddress;
        this.recipients = List.copyOf(recipients);
    }

    /** Runs the attempts and returns one result per recipient, keyed by SMTP form. */
    Map<String, RecipientResult> run() {
        transfer.domainRetry().run(this::attempt);
        return results;
    }

    /** Makes one attempt for the recipients still pending, and returns what it left to retry. */
    private DomainRetry.Attempt attempt() {
        List<String> pending = attempts == 0 ? recipients : List.copyOf(retryable);
        try {
            attempt(pending);
        } catch (LoopbackOnly.RefusedDestination e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug must not cost the other domains their results, so recipients not
            // decided yet stay deferred and the error is logged for the operator.
            log.error("Delivery to {} failed unexpectedly; its undecided recipients stay deferred", domain, e);
            deferUndecided(pending, "Delivery failed with an unexpected error: " + e);
            retryable.clear();
        }
        boolean wantsRetry = !retryable.isEmpty() && !transfer.deadlinePassed();
        return new DomainRetry.Attempt() {
            @Override
            public boolean wantsRetry() {
                return wantsRetry;
            }

            @Override
            public long waitMillis(int number) {
                return backoff(number);
            }
        };
    }

    private void deferUndecided(List<String> pending, String text) {
        HostWalk walk = currentWalk;
        if (walk != null) {
            walk.results.forEach((recipient, result) -> {
                if (!walk.remaining().contains(recipient)) {
                    record(recipient, result);
                }
            });
        }
        for (String recipient : pending) {
            RecipientResult previous = results.get(recipient);
            if (previous == null || previous.status() == DeliveryStatus.DEFERRED) {
                record(
                        recipient,
                        Outcomes.local(
                                recipient, DeliveryStatus.DEFERRED, null, text, null, null, attempts, transfer.now()));
            }
        }
    }

    /** Returns the recipients that ended deferred because no host of the domain accepted a connection. */
    Set<String> unreachable() {
        return unreachable;
    }

    /** Returns the number of attempts made. */
    int attempts() {
        return attempts;
    }

    /** Returns the wait before the attempt after attempt {@code number}, with jitter, within the deadline. */
    private long backoff(int number) {
        var retry = transfer.retry();
        double interval = retry.initialInterval().toMillis() * Math.pow(retry.multiplier(), number - 1);
        double jitter = retry.randomizationFactor() * interval;
        long millis = Math.round(interval - jitter + transfer.nextRandom() * 2 * jitter);
        Duration remaining = Duration.between(transfer.now(), transfer.deadline());
        return Math.max(0, Math.min(millis, remaining.toMillis()));
    }

    private void attempt(List<String> pending) {
        attempts++;
        currentWalk = null;
        retryable.clear();
        unreachable.clear();
        Route route = literalAddress != null ? literalRoute(literalAddress) : transfer.resolve(domain);
        if (route instanceof UnresolvedRoute failed) {
            for (String recipient : pending) {
                record(
                        recipient,
                        Outcomes.local(
                                recipient,
                                failed.status(),
                                failed.code(),
                                failed.reason(),
                                null,
                                null,
                                attempts,
                                transfer.now()));
                if (failed.status() == DeliveryStatus.DEFERRED) {
                    retryable.add(recipient);
                    unreachable.add(recipient);
                }
            }
            return;
        }
        walk(((ResolvedRoute) route).hosts(), pending);
    }

    private Route literalRoute(InetAddress address) {
        if (!transfer.settings().allowLocalDestinations() && !AddressClassifier.isPubliclyRoutable(address)) {
            String reason = "The address literal " + domain + " is "
                    + AddressClassifier.classify(address).description()
                    + ", not a public address; set allowLocalDestinations to deliver to it";
            return new UnresolvedRoute(
                    domain, DeliveryStatus.FAILED, EnhancedStatusCode.UNABLE_TO_ROUTE, reason, List.of());
        }
        return new ResolvedRoute(domain, List.of(new MxHost(domain, 0, List.of(address))), false, List.of());
    }

    private void walk(List<MxHost> hosts, List<String> pending) {
        HostWalk walk = new HostWalk(pending);
        currentWalk = walk;
        for (MxHost host : hosts) {
            if (walk.remaining().isEmpty()) {
                break;
            }
            if (transfer.deadlinePassed()) {
                break;
            }
            new HostAttempt(transfer, host, walk, attempts).run();
        }
        finish(walk);
    }

    private void finish(HostWalk walk) {
        for (String recipient : recipients) {
            RecipientOutcome outcome = walk.finalOutcomes.get(recipient);
            RecipientResult result = walk.results.get(recipient);
            if (result == null) {
                continue;
            }
            record(recipient, result);
            if (result.status() != DeliveryStatus.DEFERRED) {
                continue;
            }
            if (walk.remaining().contains(recipient)) {
                finishUndecided(walk, recipient, result);
            } else if (outcome != null
                    && outcome.failure() == null
                    && !outcome.outcomeUnknown()
                    && transfer.retry().retryTransientReplies()) {
                retryable.add(recipient);
            }
        }
        for (String recipient : walk.remaining()) {
            if (!walk.results.containsKey(recipient)) {
                String text = transfer.deadlinePassed()
                        ? "The send timeout of " + transfer.settings().sendTimeout() + " passed before delivery"
                        : "No MX host of " + domain + " could be tried";
                EnhancedStatusCode code = transfer.deadlinePassed() ? TIME_EXPIRED : EnhancedStatusCode.UNABLE_TO_ROUTE;
                record(
                        recipient,
                        Outcomes.local(
                                recipient, DeliveryStatus.DEFERRED, code, text, null, null, attempts, transfer.now()));
                retryable.add(recipient);
                unreachable.add(recipient);
            }
        }
    }

    // A recipient still without a decision after the last host: either every host that could
    // be tried lacked something the message needs, or none could be reached.
    private void finishUndecided(HostWalk walk, String recipient, RecipientResult last) {
        EnhancedStatusCode unsuitable = walk.onlyUnsuitable.contains(recipient) ? last.enhancedCode() : null;
        if (unsuitable != null) {
            record(
                    recipient,
                    new RecipientResult(
                            last.recipient(),
                            DeliveryStatus.FAILED,
                            last.reply(),
                            new EnhancedStatusCode(5, unsuitable.subject(), unsuitable.detail()),
                            "No MX host of " + domain + " can take this message: " + last.text(),
                            last.host(),
                            last.address(),
                            last.tls(),
                            false,
                            false,
                            attempts,
                            transfer.now()));
            return;
        }
        retryable.add(recipient);
        if (!walk.connected) {
            unreachable.add(recipient);
        }
    }

    private void record(String recipient, RecipientResult result) {
        results.put(recipient, result);
        if (result.status() != DeliveryStatus.DEFERRED) {
            log.debug("{}: {}", domain, result);
        }
    }

    /** The state of one walk over a route's hosts. */
    static final class HostWalk {
        private final List<String> remaining;
        final Map<String, RecipientResult> results = new LinkedHashMap<>();
        final Map<String, RecipientOutcome> finalOutcomes = new LinkedHashMap<>();
        final Set<String> onlyUnsuitable = new HashSet<>();
        final Set<String> touched = new HashSet<>();
        boolean connected;

        HostWalk(List<String> pending) {
            this.remaining = new ArrayList<>(pending);
        }

        List<String> remaining() {
            return remaining;
        }

        /** Records an outcome that ends the walk for this recipient. */
        void decide(String recipient, RecipientResult result, @Nullable RecipientOutcome outcome) {
            results.put(recipient, result);
            if (outcome != null) {
                finalOutcomes.put(recipient, outcome);
            }
            remaining.remove(recipient);
        }

        /** Records an outcome after which the recipient goes on to the next host. */
        void deferToNextHost(String recipient, RecipientResult result, boolean unsuitable) {
            results.put(recipient, result);
            if (unsuitable && !touched.contains(recipient)) {
                onlyUnsuitable.add(recipient);
            } else if (!unsuitable) {
                onlyUnsuitable.remove(recipient);
            }
            touched.add(recipient);
        }

        /** Records that a failure that is not about the message (a connection, a greeting) touched every recipient left. */
        void deferAll(SessionFailure failure, java.util.function.Function<String, RecipientResult> result) {
            for (String recipient : remaining) {
                deferToNextHost(
                        recipient, result.apply(recipient), failure.kind() == SessionFailure.Kind.HOST_UNSUITABLE);
            }
        }
    }
}
