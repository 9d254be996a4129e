package io.github.directdelivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP envelope of a message: who bounces go to, and who receives it. The envelope, not the
 * message's {@code To} or {@code Cc} fields, decides where a message goes.
 *
 * <p>Addresses are checked when they are sent: {@link DirectDelivery#send} rejects a malformed one
 * with an {@link IllegalArgumentException} before any network traffic. Here they are only checked
 * for presence; duplicate recipients are dropped, keeping the first. An address may be given
 * with or without angle brackets ({@code <user@example.com>}); results name it as given.
 *
 * @param reversePath the address bounces go to, or the empty string for the null reverse-path
 *     {@code <>} that bounces themselves use (RFC 5321 §4.5.5)
 * @param recipients one or more recipient addresses, such as {@code user@example.com}
 * @param dsn delivery status notification options (RFC 3461), or null for the server's default
 */
public record Envelope(String reversePath, List<String> recipients, @Nullable DsnOptions dsn) {

    public Envelope {
        Objects.requireNonNull(reversePath, "reversePath");
        if (reversePath.equals("<>")) {
            reversePath = "";
        }
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("An envelope needs at least one recipient");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String recipient : recipients) {
            Objects.requireNonNull(recipient, "recipient");
            if (recipient.isBlank()) {
                throw new IllegalArgumentException("A recipient address is empty");
            }
            unique.add(recipient);
        }
        recipients = List.copyOf(new ArrayList<>(unique));
    }

    /** Creates an envelope without DSN options. */
    public static Envelope of(String reversePath, String... recipients) {
        return new Envelope(reversePath, List.of(recipients), null);
    }

    /** Creates an envelope without DSN options. */
    public static Envelope of(String reversePath, List<String> recipients) {
        return new Envelope(reversePath, recipients, null);
    }

    /** Returns a copy of this envelope with the given DSN options. */
    public Envelope withDsn(DsnOptions options) {
        return new Envelope(reversePath, recipients, Objects.requireNonNull(options, "options"));
    }

    /** Returns whether the reverse-path is the null reverse-path {@code <>}. */
    public boolean hasNullReversePath() {
        return reversePath.isEmpty();
    }
}
