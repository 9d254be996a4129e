package io.github.directdelivery.internal.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DotStuffingOutputStreamTest {

    @Test
    void leadingPeriodsAreDoubledAndDataEnds() throws IOException {
        assertThat(stuff("hello\r\n.\r\nworld\r\n.leading\r\n", 100))
                .isEqualTo("hello\r\n..\r\nworld\r\n..leading\r\n.\r\n");
    }

    @Test
    void periodInsideLineIsKept() throws IOException {
        assertThat(stuff("a.b\r\n..\r\n", 1)).isEqualTo("a.b\r\n...\r\n.\r\n");
    }

    @Test
    void emptyContentIsOnlyEndOfData() throws IOException {
        assertThat(stuff("", 10)).isEqualTo(".\r\n");
    }

    @Property(tries = 300)
    void unstuffingRestoresAnyNormalisedInput(@ForAll byte[] input, @ForAll @IntRange(min = 1, max = 9) int chunk)
            throws IOException {
        byte[] normalised = normaliseBytes(input);

        byte[] stuffed = stuffBytes(normalised, chunk);

        assertThat(unstuff(stuffed)).isEqualTo(normalised);
    }

    @Property(tries = 300)
    void stuffedDataHasNoEarlyEndOfData(@ForAll byte[] input) throws IOException {
        String stuffed = new String(stuffBytes(normaliseBytes(input), 7), StandardCharsets.ISO_8859_1);

        int end = ("\r\n" + stuffed).indexOf("\r\n.\r\n");
        assertThat(end).isEqualTo(stuffed.length() - 3);
    }

    /** Reverses RFC 5321 §4.5.2 as a server does: content up to the lone period, leading period removed. */
    private static byte[] unstuff(byte[] stuffed) {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        int start = 0;
        while (start < stuffed.length) {
            int end = start;
            while (stuffed[end] != '\n') {
                end++;
            }
            int length = end - start + 1;
            if (length == 3 && stuffed[start] == '.') {
                assertThat(end).isEqualTo(stuffed.length - 1);
                return result.toByteArray();
            }
            int skip = stuffed[start] == '.' ? 1 : 0;
            result.write(stuffed, start + skip, length - skip);
            start = end + 1;
        }
        throw new AssertionError("no end of data in " + Arrays.toString(stuffed));
    }

    private static byte[] normaliseBytes(byte[] input) throws IOException {
        try (CrlfNormalizingInputStream in = new CrlfNormalizingInputStream(new ByteArrayInputStream(input))) {
            return in.readAllBytes();
        }
    }

    private static byte[] stuffBytes(byte[] input, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream stuffing = new DotStuffingOutputStream(out);
        for (int offset = 0; offset < input.length; offset += chunk) {
            stuffing.write(input, offset, Math.min(chunk, input.length - offset));
        }
        stuffing.finish();
        return out.toByteArray();
    }

    private static String stuff(String input, int chunk) throws IOException {
        return new String(stuffBytes(input.getBytes(StandardCharsets.US_ASCII), chunk), StandardCharsets.US_ASCII);
    }
}
