package io.github.directdelivery.spring.internal;

import org.jspecify.annotations.Nullable;

/**
 * Thrown while the client is built when a {@code direct-delivery.*} property has a value the
 * client cannot use. {@link InvalidPropertyFailureAnalyzer} turns it into the start-up report.
 */
public final class InvalidPropertyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final @Nullable String value;
    private final String reason;
    private final @Nullable String action;

    /**
     * Creates the exception, whose start-up report says to change the property or remove it.
     *
     * @param property the full property name, such as {@code direct-delivery.smtp-port}
     * @param value the rejected value as text, or null when the property is missing
     * @param reason what is wrong with the value, as a sentence
     */
    public InvalidPropertyException(String property, @Nullable Object value, String reason) {
        this(property, value, reason, null);
    }

    /**
     * Creates the exception with the action its start-up report recommends.
     *
     * @param property the full property name, such as {@code direct-delivery.smtp-port}
     * @param value the rejected value as text, or null when the property is missing
     * @param reason what is wrong with the value, as a sentence
     * @param action what to change, as a sentence, or null for the usual advice
     */
    public InvalidPropertyException(String property, @Nullable Object value, String reason, @Nullable String action) {
        super("Invalid value " + (value == null ? "(missing)" : "'" + value + "'") + " for property '" + property
                + "': " + reason);
        this.property = property;
        this.value = value == null ? null : value.toString();
        this.reason = reason;
        this.action = action;
    }

    /** Returns the full property name. */
    public String property() {
        return property;
    }

    /** Returns the rejected value as text, or null when the property is missing. */
    public @Nullable String value() {
        return value;
    }

    /** Returns what is wrong with the value. */
    public String reason() {
        return reason;
    }

    /** Returns what to change, or null when the report gives the usual advice. */
    public @Nullable String action() {
        return action;
    }
}
