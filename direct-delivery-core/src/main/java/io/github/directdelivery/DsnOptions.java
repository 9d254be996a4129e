package io.github.directdelivery;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The delivery status notifications the sender requests (RFC 3461). They are sent only to servers
 * that advertise the DSN extension; other servers apply their defaults.
 *
 * @param notifyOn when the recipient's servers should report (RCPT {@code NOTIFY=}); empty leaves it
 *     to the servers, which usually report failures
 * @param ret how much of the message a failure report returns (MAIL {@code RET=}), or null for the
 *     servers' default
 * @param envelopeId an identifier the reports quote back (MAIL {@code ENVID=}), or null
 */
public record DsnOptions(Set<Notify> notifyOn, @Nullable Return ret, @Nullable String envelopeId) {

    /** RFC 3461 §4.4: ENVID is at most 100 characters. */
    private static final int MAX_ENVELOPE_ID = 100;

    private static final DsnOptions NONE = new DsnOptions(Set.of(), null, null);

    /** When a report is wanted (RFC 3461 §4.1). */
    public enum Notify {
        /** Report delivery. */
        SUCCESS,
        /** Report a failure. */
        FAILURE,
        /** Report a delay. */
        DELAY,
        /** Never report; must be the only value. */
        NEVER
    }

    /** How much of the message a failure report carries (RFC 3461 §4.3). */
    public enum Return {
        /** The whole message. */
        FULL,
        /** Only the header ({@code RET=HDRS} on the wire). */
        HEADERS
    }

    /**
     * Creates the options.
     *
     * @throws NullPointerException if {@code notifyOn} is null or contains null
     * @throws IllegalArgumentException if {@code NEVER} is combined with another value, or if
     *     {@code envelopeId} is empty, longer than 100 characters, or contains anything but printable
     *     US-ASCII and space
     */
    public DsnOptions {
        Objects.requireNonNull(notifyOn, "notifyOn");
        Set<Notify> copy = notifyOn.isEmpty() ? EnumSet.noneOf(Notify.class) : EnumSet.copyOf(notifyOn);
        if (copy.contains(Notify.NEVER) && copy.size() > 1) {
            throw new IllegalArgumentException("NOTIFY=NEVER cannot be combined with other values: " + copy);
        }
        notifyOn = Collections.unmodifiableSet(copy);
        if (envelopeId != null) {
            checkEnvelopeId(envelopeId);
        }
    }

    /** Returns options that request nothing, so no DSN parameter is sent. */
    public static DsnOptions none() {
        return NONE;
    }

    /** Returns whether no parameter would be sent. */
    public boolean isEmpty() {
        return notifyOn.isEmpty() && ret == null && envelopeId == null;
    }

    private static void checkEnvelopeId(String envelopeId) {
        if (envelopeId.isEmpty() || envelopeId.length() > MAX_ENVELOPE_ID) {
            throw new IllegalArgumentException(
                    "envelope id must have 1 to " + MAX_ENVELOPE_ID + " characters, not " + envelopeId.length());
        }
        // RFC 3461 §4.4: printable US-ASCII, so it can be xtext-encoded; CR and LF are rejected here.
        for (int i = 0; i < envelopeId.length(); i++) {
            char c = envelopeId.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(String.format(
                        "envelope id must be printable US-ASCII, but has U+%04X at index %d", (int) c, i));
            }
        }
    }
}
