package io.github.directdelivery.bench.micro;

import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.internal.smtp.ReplyReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * Parses SMTP replies with {@link ReplyReader}: the one-line reply to the end of data, and a
 * typical multi-line EHLO reply with enhanced status codes. The server's bytes come from memory,
 * one reply per read, so no socket is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.github.directdelivery.loopbackOnly=true")
@SuppressWarnings("NullAway.Init") // JMH calls setUp before any benchmark method.
public class ReplyReaderBenchmark {

    private static final String QUEUED = "250 2.0.0 Ok: queued as 4F2A1C0D3B\r\n";
    private static final String EHLO = "250-mx.example.net Hello client.example.com [192.0.2.10]\r\n"
            + "250-PIPELINING\r\n"
            + "250-SIZE 52428800\r\n"
            + "250-ETRN\r\n"
            + "250-STARTTLS\r\n"
            + "250-ENHANCEDSTATUSCODES\r\n"
            + "250-8BITMIME\r\n"
            + "250-DSN\r\n"
            + "250-SMTPUTF8\r\n"
            + "250 CHUNKING\r\n";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Param({"queued", "ehlo"})
    public String reply;

    private ReplyReader reader;

    @Setup
    public void setUp() {
        String text = reply.equals("ehlo") ? EHLO : QUEUED;
        reader = new ReplyReader(
                new RepeatingInputStream(text.getBytes(StandardCharsets.US_ASCII)), millis -> {}, line -> {});
    }

    @Benchmark
    public SmtpReply read() throws IOException {
        return reader.read(TIMEOUT);
    }

    /** Returns the same reply on every read, as a server that answers each command at once. */
    private static final class RepeatingInputStream extends InputStream {
        private final byte[] reply;

        RepeatingInputStream(byte[] reply) {
            this.reply = reply;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the reader reads blocks");
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            int count = Math.min(length, reply.length);
            System.arraycopy(reply, 0, target, offset, count);
            return count;
        }
    }
}
