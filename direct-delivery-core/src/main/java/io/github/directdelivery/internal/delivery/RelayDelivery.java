package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.FallbackRelay;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.internal.smtp.DeliveryOutcome;
import io.github.directdelivery.internal.smtp.OpenResult;
import io.github.directdelivery.internal.smtp.RecipientOutcome;
import io.github.directdelivery.internal.smtp.SessionFailure;
import io.github.directdelivery.internal.smtp.SmtpSession;
import io.github.directdelivery.internal.smtp.SmtpSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands recipients whose destination could not be reached at all to the fallback relay. The
 * relay's answer replaces the deferral; when the relay cannot be reached either, the recipients
 * keep the result of direct delivery.
 */
final class RelayDelivery {

    private static final Logger log = LoggerFactory.getLogger(RelayDelivery.class);

    private final Transfer transfer;
    private final FallbackRelay relay;
    private final SmtpSettings sessionSettings;

    RelayDelivery(Transfer transfer, EngineParts parts) {
        this.transfer = transfer;
        this.relay = Objects.requireNonNull(parts.settings().fallbackRelay(), "fallbackRelay");
        this.sessionSettings = Objects.requireNonNull(parts.relaySettings(), "relaySettings");
    }

    /** Returns the relay's results for those recipients it decided; the others are left out. */
    Map<String, RecipientResult> run(List<String> recipients, Map<String, RecipientResult> direct) {
        Map<String, RecipientResult> results = new LinkedHashMap<>();
        InetAddress[] addresses;
        try {
            // The relay is the operator's own host, so the system resolver finds it.
            addresses = InetAddress.getAllByName(relay.host());
        } catch (UnknownHostException e) {
            log.warn(
                    "Cannot hand {} recipients to the fallback relay: its host {} was not found",
                    recipients.size(),
                    relay.host());
            return results;
        }
        for (InetAddress address : addresses) {
            InetSocketAddress target = new InetSocketAddress(address, relay.port());
            OpenResult opened = transfer.open(relay.host(), target, sessionSettings);
            if (opened instanceof OpenResult.Failed failed) {
                log.warn(
                        "The fallback relay {} [{}] did not take the session: {}",
                        relay.host(),
                        target,
                        failed.failure());
                if (failed.failure().kind() == SessionFailure.Kind.CONNECT_FAILED) {
                    continue;
                }
                return results;
            }
            try (SmtpSession session = ((OpenResult.Opened) opened).session()) {
                transfer.listener().transactionStart(relay.host(), recipients);
                DeliveryOutcome outcome = transfer.deliver(session, recipients);
                for (RecipientOutcome recipient : outcome.recipients()) {
                    RecipientResult before = direct.get(recipient.recipient());
                    int attempts = before == null ? 1 : before.attempts() + 1;
                    if (recipient.status() == DeliveryStatus.DEFERRED && recipient.failure() != null) {
                        continue;
                    }
                    results.put(
                            recipient.recipient(),
                            Outcomes.fromSession(recipient, outcome, relay.host(), true, attempts, transfer.now()));
                }
                transfer.listener().transactionEnd(relay.host(), List.copyOf(results.values()));
                transfer.decided(List.copyOf(results.values()));
            }
            return results;
        }
        return results;
    }
}
