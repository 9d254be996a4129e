package io.github.directdelivery.e2e;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Renders message bytes for the suite's output. */
final class Text {

    private static final int MAX_SHOWN = 120;

    private Text() {}

    /**
     * Returns the bytes in double quotes: printable ASCII as it is, other bytes as {@code \xNN},
     * cut after 120 bytes.
     */
    static String quote(byte @Nullable [] bytes) {
        if (bytes == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < Math.min(bytes.length, MAX_SHOWN); i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        if (bytes.length > MAX_SHOWN) {
            text.append("...");
        }
        return text.append('"').toString();
    }

    /** Returns the bytes decoded as ISO-8859-1, one character per byte. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
