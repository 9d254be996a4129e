package io.github.directdelivery.bench.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SinkCounterTest {

    private static InputStream output(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void messagesFieldIsRead() {
        assertThat(SinkCounter.messages("sess=2 quit=2 mesg=10")).isEqualTo(10);
        assertThat(SinkCounter.messages("sess=0 quit=0 mesg=1")).isEqualTo(1);
    }

    @Test
    void lineWithoutCounterHasNoCount() {
        assertThat(SinkCounter.messages("smtp-sink: fatal: bind 127.0.1.2 port 10026: Address in use"))
                .isEqualTo(-1);
        assertThat(SinkCounter.messages("sess=1 quit=1 mesg=")).isEqualTo(-1);
    }

    @Test
    void countFollowsStatusLinesSeparatedByCarriageReturns() throws IOException {
        SinkCounter counter = new SinkCounter();

        counter.consume(output("sess=0 quit=0 mesg=1\rsess=0 quit=0 mesg=2\rsess=1 quit=1 mesg=2\r"));

        assertThat(counter.received()).isEqualTo(2);
        assertThat(counter.otherOutput()).isEmpty();
    }

    @Test
    void otherOutputIsKeptForErrors() throws IOException {
        SinkCounter counter = new SinkCounter();

        counter.consume(output("smtp-sink: warning: something odd\nsess=0 quit=0 mesg=3\r"));

        assertThat(counter.received()).isEqualTo(3);
        assertThat(counter.otherOutput()).isEqualTo("smtp-sink: warning: something odd");
    }

    @Test
    void awaitReturnsOnceCountIsReached() throws Exception {
        SinkCounter counter = new SinkCounter();
        PipedOutputStream sink = new PipedOutputStream();
        PipedInputStream output = new PipedInputStream(sink);
        Thread reader = new Thread(() -> {
            try {
                counter.consume(output);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();

        sink.write("sess=0 quit=0 mesg=1\r".getBytes(StandardCharsets.US_ASCII));
        sink.write("sess=0 quit=0 mesg=2\r".getBytes(StandardCharsets.US_ASCII));
        sink.flush();
        counter.awaitReceived(2, Duration.ofSeconds(10));

        assertThat(counter.received()).isEqualTo(2);
        sink.close();
        reader.join();
    }

    @Test
    void awaitFailsWhenSinkStops() throws IOException {
        SinkCounter counter = new SinkCounter();
        counter.consume(output("smtp-sink: fatal: out of luck\nsess=0 quit=0 mesg=1\r"));

        assertThatThrownBy(() -> counter.awaitReceived(5, Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("stopped after 1 of 5 messages")
                .hasMessageContaining("fatal: out of luck");
    }

    @Test
    void awaitFailsAfterTimeout() throws Exception {
        SinkCounter counter = new SinkCounter();
        PipedOutputStream sink = new PipedOutputStream();
        PipedInputStream output = new PipedInputStream(sink);
        Thread reader = new Thread(() -> {
            try {
                counter.consume(output);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        sink.write("sess=0 quit=0 mesg=1\r".getBytes(StandardCharsets.US_ASCII));
        // A blocked PipedInputStream sees a write only after flush, or after its own 1 s poll.
        sink.flush();
        counter.awaitReceived(1, Duration.ofSeconds(10));

        assertThatThrownBy(() -> counter.awaitReceived(2, Duration.ofMillis(200)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("received 1 of 2 messages within");
        sink.close();
        reader.join();
    }
}
