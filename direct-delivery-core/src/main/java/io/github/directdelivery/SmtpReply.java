package io.github.directdelivery;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A complete SMTP reply: the three-digit code, the enhanced status code when the server sent one
 * (RFC 2034), and the text of every line.
 *
 * @param code the reply code, 200 to 599
 * @param enhancedCode the RFC 3463 code from the start of the first line's text, or null
 * @param lines the text of each line without the code, the separator and the enhanced code; a
 *     bare {@code 250} gives one empty line
 */
public record SmtpReply(int code, @Nullable EnhancedStatusCode enhancedCode, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code must be between 200 and 599, not " + code);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        lines = List.copyOf(lines);
    }

    /** Creates a single-line reply. */
    public static SmtpReply of(int code, @Nullable EnhancedStatusCode enhancedCode, String text) {
        return new SmtpReply(code, enhancedCode, List.of(text));
    }

    /** Returns whether the code is 2xx. */
    public boolean isPositive() {
        return code / 100 == 2;
    }

    /** Returns whether the code is 3xx, an intermediate reply such as 354 to DATA. */
    public boolean isIntermediate() {
        return code / 100 == 3;
    }

    /** Returns whether the code is 4xx: the command failed, but may succeed later. */
    public boolean isTransientFailure() {
        return code / 100 == 4;
    }

    /** Returns whether the code is 5xx: the command failed and will fail again. */
    public boolean isPermanentFailure() {
        return code / 100 == 5;
    }

    /** Returns the lines' text joined by a space. */
    public String text() {
        return String.join(" ", lines);
    }

    /** Returns the reply as one line, such as {@code 550 5.1.1 no such user}. */
    @Override
    public String toString() {
        StringBuilder result = new StringBuilder().append(code);
        if (enhancedCode != null) {
            result.append(' ').append(enhancedCode);
        }
        String text = text();
        if (!text.isEmpty()) {
            result.append(' ').append(text);
        }
        return result.toString();
    }
}
