package io.github.directdelivery.jakarta;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.RecipientResult;
import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when a message was not delivered to every recipient, with the delivery report that records
 * what happened to each.
 *
 * <p>The three address lists of {@link SendFailedException} follow the recipients' status:
 * {@link DeliveryStatus#DELIVERED} recipients are valid and sent, {@link DeliveryStatus#DEFERRED}
 * ones (a 4xx reply, a connection or temporary DNS failure) are valid but unsent, and
 * {@link DeliveryStatus#FAILED} ones (a 5xx reply, a domain that does not exist or accepts no mail)
 * are invalid. None of the lists is null. The detail for each address (the SMTP reply with its code
 * and enhanced status code, the host that gave it, TLS, attempts) is in {@link #report()}, or
 * through {@link #result(Address)}:
 *
 * <pre>{@code
 * } catch (DirectDeliverySendFailedException e) {
 *     for (Address address : e.getInvalidAddresses()) {
 *         RecipientResult result = e.result(address).orElseThrow();
 *         log.warn("{} refused by {}: {}", address, result.host(), result.reply());
 *     }
 * }
 * }</pre>
 *
 * <p>The report is not serialized; after deserialization {@link #report()} returns null.
 */
public class DirectDeliverySendFailedException extends SendFailedException {

    private static final long serialVersionUID = 1L;

    /** How many undelivered recipients the message names before it summarises the rest. */
    private static final int NAMED_IN_MESSAGE = 5;

    private static final Address[] NONE = new Address[0];

    private final transient DeliveryReport report;

    /**
     * Creates the exception for a report, with one {@link InternetAddress} per recipient as the
     * report names it.
     *
     * @throws IllegalArgumentException if every recipient of the report was delivered
     */
    public DirectDeliverySendFailedException(DeliveryReport report) {
        this(report, addressesOf(report));
    }

    /**
     * Creates the exception for a report and the recipients it was sent to, which the address lists
     * then hold. Each recipient is matched to its result by {@link InternetAddress#getAddress()}.
     *
     * @param recipients the envelope's recipients as Jakarta Mail addresses
     * @throws IllegalArgumentException if every recipient was delivered, or a recipient is not an
     *     {@link InternetAddress} with a result in the report
     */
    public DirectDeliverySendFailedException(DeliveryReport report, Address[] recipients) {
        super(
                describe(report),
                null,
                select(report, recipients, DeliveryStatus.DELIVERED),
                select(report, recipients, DeliveryStatus.DEFERRED),
                select(report, recipients, DeliveryStatus.FAILED));
        this.report = report;
    }

    /** Returns the report of the delivery, one result per recipient. */
    public DeliveryReport report() {
        return report;
    }

    /** Returns the result for one of the recipients, or empty if the report has none for it. */
    public Optional<RecipientResult> result(Address address) {
        if (!(address instanceof InternetAddress internet)) {
            return Optional.empty();
        }
        return report.result(internet.getAddress());
    }

    @Override
    public Address[] getValidSentAddresses() {
        return nonNull(super.getValidSentAddresses());
    }

    @Override
    public Address[] getValidUnsentAddresses() {
        return nonNull(super.getValidUnsentAddresses());
    }

    @Override
    public Address[] getInvalidAddresses() {
        return nonNull(super.getInvalidAddresses());
    }

    private static Address[] addressesOf(DeliveryReport report) {
        List<Address> addresses = new ArrayList<>();
        for (RecipientResult result : report.results()) {
            // setAddress keeps the text as the report has it, without parsing or checking it.
            InternetAddress address = new InternetAddress();
            address.setAddress(result.recipient());
            addresses.add(address);
        }
        return addresses.toArray(NONE);
    }

    private static String describe(DeliveryReport report) {
        Objects.requireNonNull(report, "report");
        List<RecipientResult> undelivered = report.results().stream()
                .filter(result -> result.status() != DeliveryStatus.DELIVERED)
                .toList();
        if (undelivered.isEmpty()) {
            throw new IllegalArgumentException("Every recipient was delivered; there is no failure to report");
        }
        StringBuilder message = new StringBuilder("Not delivered to ")
                .append(undelivered.size())
                .append(" of ")
                .append(report.results().size())
                .append(report.results().size() == 1 ? " recipient: " : " recipients: ");
        for (int i = 0; i < Math.min(undelivered.size(), NAMED_IN_MESSAGE); i++) {
            if (i > 0) {
                message.append("; ");
            }
            message.append(undelivered.get(i));
        }
        if (undelivered.size() > NAMED_IN_MESSAGE) {
            message.append("; and ")
                    .append(undelivered.size() - NAMED_IN_MESSAGE)
                    .append(" more");
        }
        return message.toString();
    }

    private static Address[] select(DeliveryReport report, Address[] recipients, DeliveryStatus status) {
        List<Address> selected = new ArrayList<>();
        for (Address recipient : recipients) {
            if (!(recipient instanceof InternetAddress internet)) {
                throw new IllegalArgumentException("Not an Internet mail address: " + recipient);
            }
            RecipientResult result = report.result(internet.getAddress())
                    .orElseThrow(() -> new IllegalArgumentException("The report has no result for " + recipient));
            if (result.status() == status) {
                selected.add(recipient);
            }
        }
        return selected.toArray(NONE);
    }

    private static Address[] nonNull(Address[] addresses) {
        return addresses != null ? addresses : NONE;
    }
}
