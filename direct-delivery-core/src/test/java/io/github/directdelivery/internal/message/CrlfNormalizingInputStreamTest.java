package io.github.directdelivery.internal.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CrlfNormalizingInputStreamTest {

    @Test
    void lineEndingsBecomeCrlf() throws IOException {
        assertThat(normalise("a\nb\rc\r\nd\n\re")).isEqualTo("a\r\nb\r\nc\r\nd\r\n\r\ne\r\n");
    }

    @Test
    void lastLineWithoutEndingGetsCrlf() throws IOException {
        assertThat(normalise("only")).isEqualTo("only\r\n");
    }

    @Test
    void emptyInputStaysEmpty() throws IOException {
        assertThat(normalise("")).isEmpty();
    }

    @Test
    void crlfAcrossBlocksStaysOneEnding() throws IOException {
        // Reads that fill the buffer make it grow from 2048 to 4096 and 8192 octets, so these CRs
        // end a block when the source returns all it can; with one octet per read, every CR does.
        for (int crPosition : new int[] {2047, 6143, 14335, 22527}) {
            byte[] input = ("x".repeat(crPosition) + "\r\ny").getBytes(StandardCharsets.US_ASCII);
            String expected = "x".repeat(crPosition) + "\r\ny\r\n";

            assertThat(normalise(input, 65536)).isEqualTo(expected);
            assertThat(normalise(input, 1)).isEqualTo(expected);
        }
    }

    @Test
    void largeInputIsNormalisedWhole() throws IOException {
        String line = "x".repeat(77);
        String input = (line + "\n").repeat(2000) + (line + "\r").repeat(2000);

        String output = normalise(input.getBytes(StandardCharsets.US_ASCII), 65536);

        assertThat(output).isEqualTo((line + "\r\n").repeat(4000));
    }

    @Property
    void outputHasOnlyCrlfLineEndings(@ForAll("lineText") String input, @ForAll @IntRange(min = 1, max = 7) int chunk)
            throws IOException {
        String output = normalise(input.getBytes(StandardCharsets.UTF_8), chunk);

        assertThat(output.replace("\r\n", "")).doesNotContain("\r", "\n");
        assertThat(output.isEmpty() || output.endsWith("\r\n")).isTrue();
    }

    @Property
    void normalisingIsIdempotent(@ForAll("lineText") String input) throws IOException {
        String once = normalise(input);

        assertThat(normalise(once)).isEqualTo(once);
    }

    @Property
    void textBetweenLineEndingsIsUnchanged(@ForAll("lineText") String input) throws IOException {
        String output = normalise(input);

        assertThat(output.replace("\r\n", "\n")).isEqualTo(expected(input));
    }

    @Property
    void readSizeDoesNotChangeOutput(
            @ForAll("lineText") String input,
            @ForAll @IntRange(min = 1, max = 7) int chunk,
            @ForAll @IntRange(min = 1, max = 100) int readSize)
            throws IOException {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);

        assertThat(normalise(bytes, chunk, readSize)).isEqualTo(normalise(bytes, chunk));
    }

    @Provide
    Arbitrary<String> lineText() {
        return Arbitraries.strings().withChars("ab.\r\n é").ofMaxLength(60);
    }

    /** Returns the input with every line ending as LF and a final LF added when missing. */
    private static String expected(String input) {
        String lf = input.replace("\r\n", "\n").replace('\r', '\n');
        return lf.isEmpty() || lf.endsWith("\n") ? lf : lf + "\n";
    }

    private static String normalise(String input) throws IOException {
        return normalise(input.getBytes(StandardCharsets.UTF_8), 8192);
    }

    /** Reads through the normaliser with reads of at most {@code chunk} bytes from the source. */
    static String normalise(byte[] input, int chunk) throws IOException {
        return normalise(input, chunk, 5);
    }

    /** Reads through the normaliser in reads of {@code readSize} bytes, {@code chunk} from the source. */
    private static String normalise(byte[] input, int chunk, int readSize) throws IOException {
        InputStream source = new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] target, int offset, int length) {
                return super.read(target, offset, Math.min(chunk, length));
            }
        };
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = new CrlfNormalizingInputStream(source)) {
            byte[] buffer = new byte[readSize];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                output.write(buffer, 0, read);
            }
        }
        return output.toString(StandardCharsets.UTF_8);
    }
}
