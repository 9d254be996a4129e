package io.github.directdelivery.bench.micro;

import io.github.directdelivery.bench.TestMessages;
import io.github.directdelivery.internal.message.CrlfNormalizingInputStream;
import io.github.directdelivery.internal.message.DotStuffingOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encodes message content for DATA: CRLF normalisation of a message with CRLF line endings and
 * of the same message with bare LF, and dot-stuffing of a message in which every tenth line
 * starts with a period. The result is the number of octets produced, in 64 KB blocks as the
 * client sends them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.github.directdelivery.loopbackOnly=true")
@SuppressWarnings("NullAway.Init") // JMH calls setUp before any benchmark method.
public class ContentEncodingBenchmark {

    @Param({"2048", "102400"})
    public int bodySize;

    private final byte[] block = new byte[65536];
    private byte[] crlfMessage;
    private byte[] lfMessage;
    private byte[] dottedMessage;

    @Setup
    public void setUp() {
        crlfMessage = TestMessages.ofBodySize(bodySize);
        lfMessage = new String(crlfMessage, StandardCharsets.US_ASCII)
                .replace("\r\n", "\n")
                .getBytes(StandardCharsets.US_ASCII);
        dottedMessage = crlfMessage.clone();
        int line = 0;
        for (int i = 1; i < dottedMessage.length; i++) {
            if (dottedMessage[i - 1] == '\n' && line++ % 10 == 0) {
                dottedMessage[i] = '.';
            }
        }
    }

    @Benchmark
    public long normalizeCrlf() throws IOException {
        return drain(new CrlfNormalizingInputStream(new ByteArrayInputStream(crlfMessage)));
    }

    @Benchmark
    public long normalizeBareLf() throws IOException {
        return drain(new CrlfNormalizingInputStream(new ByteArrayInputStream(lfMessage)));
    }

    @Benchmark
    public long dotStuff() throws IOException {
        CountingOutputStream counted = new CountingOutputStream();
        DotStuffingOutputStream stuffed = new DotStuffingOutputStream(counted);
        for (int offset = 0; offset < dottedMessage.length; offset += block.length) {
            stuffed.write(dottedMessage, offset, Math.min(block.length, dottedMessage.length - offset));
        }
        stuffed.finish();
        return counted.count;
    }

    private long drain(InputStream in) throws IOException {
        long total = 0;
        int read;
        while ((read = in.read(block)) >= 0) {
            total += read;
        }
        return total;
    }

    /** Counts the octets written, and keeps none. */
    private static final class CountingOutputStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            count += length;
        }
    }
}
