package io.github.directdelivery;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identifier of a message in a durable queue: {@link DurableDelivery#submit} returns it and
 * every {@link QueueListener} event carries it. It is unique within one spool directory and is
 * also the name of the message's spool file, so it has only lower-case letters, digits and hyphens.
 *
 * @param value the identifier, such as {@code 0194f3c2a1b7-5e0c9a17d2b44f08}
 */
public record QueueId(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[0-9a-z][0-9a-z-]{0,63}");

    /**
     * Creates the identifier.
     *
     * @throws IllegalArgumentException if {@code value} is empty, longer than 64 characters, or has
     *     characters other than lower-case letters, digits and hyphens (or starts with a hyphen)
     */
    public QueueId {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "A queue id has 1 to 64 lower-case letters, digits and hyphens, not \"" + value + "\"");
        }
    }

    /** Returns the identifier itself. */
    @Override
    public String toString() {
        return value;
    }
}
