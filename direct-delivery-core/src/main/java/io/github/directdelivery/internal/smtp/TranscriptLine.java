package io.github.directdelivery.internal.smtp;

/**
 * One line of an SMTP dialogue, without its CRLF. AUTH secrets are already replaced by
 * {@code <redacted>}, and message content by a note of its size.
 *
 * @param direction who sent the line
 * @param text the line
 */
public record TranscriptLine(Direction direction, String text) {

    /** The sender of a line. */
    public enum Direction {
        /** This client ({@code C:}). */
        CLIENT,
        /** The server ({@code S:}). */
        SERVER
    }

    /** Returns the line as {@code C: text} or {@code S: text}. */
    @Override
    public String toString() {
        return (direction == Direction.CLIENT ? "C: " : "S: ") + text;
    }
}
