package io.github.directdelivery;

import java.util.List;
import java.util.Objects;

/**
 * A domain that mail cannot be delivered to now: permanently ({@link DeliveryStatus#FAILED}, for
 * example a domain that does not exist or publishes a null MX record) or for the time being
 * ({@link DeliveryStatus#DEFERRED}, for example when the DNS server failed or did not answer).
 *
 * @param domain the domain that was looked up, in ASCII, without a trailing dot
 * @param status {@link DeliveryStatus#FAILED} or {@link DeliveryStatus#DEFERRED}
 * @param code the enhanced status code for every recipient of the domain: class 5 when failed,
 *     class 4 when deferred
 * @param reason what went wrong, in one sentence, for the delivery report and a bounce
 * @param warnings the MX hosts and addresses that were skipped, each with the reason
 */
public record UnresolvedRoute(
        String domain, DeliveryStatus status, EnhancedStatusCode code, String reason, List<String> warnings)
        implements Route {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if the domain or the reason is empty, the status is
     *     {@link DeliveryStatus#DELIVERED}, or the code's class does not match the status
     * @throws NullPointerException if a component or a warning is null
     */
    public UnresolvedRoute {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("domain must not be empty");
        }
        if (reason.isEmpty()) {
            throw new IllegalArgumentException("reason must not be empty");
        }
        int expectedClass =
                switch (status) {
                    case FAILED -> 5;
                    case DEFERRED -> 4;
                    case DELIVERED -> throw new IllegalArgumentException(
                            "an unresolved route is FAILED or DEFERRED, not DELIVERED");
                };
        if (code.statusClass() != expectedClass) {
            throw new IllegalArgumentException(
                    "a " + status + " route needs a class " + expectedClass + " status code, not " + code);
        }
        warnings = List.copyOf(warnings);
    }
}
