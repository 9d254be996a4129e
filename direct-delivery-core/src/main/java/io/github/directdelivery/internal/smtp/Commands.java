package io.github.directdelivery.internal.smtp;

import java.util.List;

/**
 * Builds SMTP command lines (RFC 5321 §4.1.1) without their CRLF. Every argument is checked for
 * CR, LF and NUL first, so no value can end a command early and inject another.
 */
final class Commands {

    private Commands() {}

    static String ehlo(String domain) {
        return "EHLO " + checkArgument(domain, "EHLO domain");
    }

    static String helo(String domain) {
        return "HELO " + checkArgument(domain, "HELO domain");
    }

    static String mail(String reversePath, List<String> parameters) {
        return "MAIL FROM:<" + checkArgument(reversePath, "sender address") + ">" + joined(parameters);
    }

    static String rcpt(String forwardPath, List<String> parameters) {
        return "RCPT TO:<" + checkArgument(forwardPath, "recipient address") + ">" + joined(parameters);
    }

    static String bdat(long size, boolean last) {
        return "BDAT " + size + (last ? " LAST" : "");
    }

    /**
     * Returns {@code value} after checking that it cannot break the command line.
     *
     * @throws IllegalArgumentException if {@code value} contains CR, LF or NUL
     */
    static String checkArgument(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException(String.format(
                        "%s must not contain CR, LF or NUL, but has U+%04X at index %d: %s",
                        what,
                        (int) c,
                        i,
                        value.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0")));
            }
        }
        return value;
    }

    private static String joined(List<String> parameters) {
        StringBuilder result = new StringBuilder();
        for (String parameter : parameters) {
            result.append(' ').append(checkArgument(parameter, "command parameter"));
        }
        return result.toString();
    }
}
