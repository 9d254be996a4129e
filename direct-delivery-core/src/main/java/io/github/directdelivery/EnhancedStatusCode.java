package io.github.directdelivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An enhanced mail system status code, {@code class.subject.detail} as defined by RFC 3463, such
 * as {@code 5.1.1} (bad destination mailbox address).
 *
 * @param statusClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject 0 to 999
 * @param detail 0 to 999
 */
public record EnhancedStatusCode(int statusClass, int subject, int detail) {

    // RFC 3463 §2: class "." subject "." detail, subject and detail one to three digits.
    private static final Pattern SYNTAX = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

    /** Success; no further detail. */
    public static final EnhancedStatusCode OK = new EnhancedStatusCode(2, 0, 0);

    /** RFC 3463: bad destination system address (the domain does not exist). */
    public static final EnhancedStatusCode BAD_DESTINATION_SYSTEM = new EnhancedStatusCode(5, 1, 2);

    /** RFC 7505: the domain publishes a null MX record and accepts no mail. */
    public static final EnhancedStatusCode NULL_MX = new EnhancedStatusCode(5, 1, 10);

    /** RFC 3463: directory server failure (a temporary DNS failure). */
    public static final EnhancedStatusCode DIRECTORY_SERVER_FAILURE = new EnhancedStatusCode(4, 4, 3);

    /** RFC 3463: unable to route (no MX host has a usable address). */
    public static final EnhancedStatusCode UNABLE_TO_ROUTE = new EnhancedStatusCode(5, 4, 4);

    public EnhancedStatusCode {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5, not " + statusClass);
        }
        if (subject < 0 || subject > 999) {
            throw new IllegalArgumentException("subject must be between 0 and 999, not " + subject);
        }
        if (detail < 0 || detail > 999) {
            throw new IllegalArgumentException("detail must be between 0 and 999, not " + detail);
        }
    }

    /**
     * Parses a code such as {@code "5.1.1"}.
     *
     * @throws IllegalArgumentException if {@code text} is not an RFC 3463 status code
     */
    public static EnhancedStatusCode parse(String text) {
        EnhancedStatusCode code = parseOrNull(text);
        if (code == null) {
            throw new IllegalArgumentException("not an enhanced status code (class.subject.detail): \"" + text + "\"");
        }
        return code;
    }

    /** Parses a code such as {@code "5.1.1"}, or returns null if {@code text} is not one. */
    public static @Nullable EnhancedStatusCode parseOrNull(String text) {
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        return new EnhancedStatusCode(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
    }

    /** Returns the code in its wire form, {@code class.subject.detail}. */
    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
