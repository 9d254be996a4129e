package io.github.directdelivery.e2e;

/**
 * The differences allowed between a message file and its arrival in a Maildir, besides line
 * endings (CRLF, bare CR and bare LF all arrive as LF, and a last line without one gets one).
 * Each is made either by the library on purpose or by Postfix 3.7's cleanup daemon; nothing else
 * may differ.
 */
enum Difference {
    /** The library drops a leading mbox {@code From } line, which is no part of the message. */
    MBOX_LINE_DROPPED("library dropped the mbox From line"),
    /** The library removes {@code Bcc} and {@code Resent-Bcc} fields, which recipients must not see. */
    BCC_REMOVED("library removed Bcc"),
    /** The library adds a {@code Message-ID} field at the end of a header section without one. */
    MESSAGE_ID_ADDED("library added Message-ID"),
    /** The library adds a {@code Date} field at the end of a header section without one. */
    DATE_ADDED("library added Date"),
    /**
     * Postfix turns a first line that starts with {@code From } into an {@code X-Mailbox-Line}
     * field, but only in content sent with DATA.
     */
    MAILBOX_LINE_FIELD("Postfix made the first line an X-Mailbox-Line field"),
    /** Postfix removes blanks between a field name and its colon. */
    BLANKS_BEFORE_COLON_REMOVED("Postfix removed blanks before a colon"),
    /**
     * Postfix ends the header section at the first line that is neither a field nor a continuation
     * line, and inserts an empty line before it, so that line and the rest become body.
     */
    EMPTY_LINE_INSERTED("Postfix inserted an empty line before a line that is no header field");

    private final String description;

    Difference(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
