package io.github.directdelivery.internal.smtp;

import java.nio.charset.StandardCharsets;

/** The xtext encoding of DSN parameter values (RFC 3461 §4), and its UTF-8 variant (RFC 6533 §3). */
final class Xtext {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Xtext() {}

    /** Encodes {@code value}: "+", "=" and bytes outside 33 to 126 become {@code +HH}. */
    static String encode(String value) {
        StringBuilder result = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 33 || c > 126 || c == '+' || c == '=') {
                result.append('+').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                result.append((char) c);
            }
        }
        return result.toString();
    }

    /**
     * Encodes {@code value} as utf-8-addr-xtext (RFC 6533 §3): non-ASCII characters, controls,
     * space, "+", "=" and "\" become {@code \x{HEX}}.
     */
    static String encodeUtf8Address(String value) {
        StringBuilder result = new StringBuilder();
        value.codePoints().forEach(c -> {
            if (c < 33 || c > 126 || c == '+' || c == '=' || c == '\\') {
                result.append("\\x{")
                        .append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT))
                        .append('}');
            } else {
                result.appendCodePoint(c);
            }
        });
        return result.toString();
    }
}
