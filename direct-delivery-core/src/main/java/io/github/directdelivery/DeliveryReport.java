package io.github.directdelivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to a message: one result per envelope recipient, in envelope order.
 *
 * @param results one result per recipient
 * @param started when {@code send} began
 * @param finished when the last recipient got its final result
 * @param transcript the SMTP dialogue of every session, AUTH redacted, when the client was built
 *     to record it; otherwise empty
 */
public record DeliveryReport(
        List<RecipientResult> results, Instant started, Instant finished, List<String> transcript) {

    public DeliveryReport {
        results = List.copyOf(results);
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        transcript = List.copyOf(transcript);
    }

    /** Returns whether every recipient was delivered. */
    public boolean allDelivered() {
        return results.stream().allMatch(result -> result.status() == DeliveryStatus.DELIVERED);
    }

    /** Returns the results with the given status, in envelope order. */
    public List<RecipientResult> withStatus(DeliveryStatus status) {
        return results.stream().filter(result -> result.status() == status).toList();
    }

    /** Returns the result for a recipient as given in the envelope. */
    public Optional<RecipientResult> result(String recipient) {
        return results.stream()
                .filter(result -> result.recipient().equals(recipient))
                .findFirst();
    }
}
