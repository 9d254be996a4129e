package io.github.directdelivery.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.ClosedSelectorException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

class DnsClientTest {

    private static final Name DOMAIN = Name.fromConstantString("example.test.");

    @Test
    void shutdownRefusingTheSelectorIsTemporaryFailure() throws Exception {
        DnsClient client = new DnsClient(
                new FailingResolver(() -> {
                    // What the JDK throws when dnsjava registers its shutdown hook after shutdown began.
                    throw new IllegalStateException("Shutdown in progress");
                }),
                Clock.systemUTC());

        DnsAnswer answer = client.lookup(DOMAIN, Type.MX).get();

        assertThat(answer).isInstanceOf(DnsAnswer.TemporaryFailure.class);
        assertThat(((DnsAnswer.TemporaryFailure) answer).reason()).endsWith("the JVM is shutting down");
    }

    @Test
    void closedSelectorIsTemporaryFailure() throws Exception {
        DnsClient client = new DnsClient(
                new FailingResolver(() -> CompletableFuture.failedFuture(new ClosedSelectorException())),
                Clock.systemUTC());

        DnsAnswer answer = client.lookup(DOMAIN, Type.A).get();

        assertThat(answer).isInstanceOf(DnsAnswer.TemporaryFailure.class);
        assertThat(((DnsAnswer.TemporaryFailure) answer).reason()).endsWith("the JVM is shutting down");
    }

    @Test
    void unexpectedSynchronousExceptionIsTemporaryFailure() throws Exception {
        DnsClient client = new DnsClient(
                new FailingResolver(() -> {
                    throw new IllegalArgumentException("unexpected");
                }),
                Clock.systemUTC());

        DnsAnswer answer = client.lookup(DOMAIN, Type.AAAA).get();

        assertThat(answer).isInstanceOf(DnsAnswer.TemporaryFailure.class);
        assertThat(((DnsAnswer.TemporaryFailure) answer).reason()).contains("unexpected");
    }

    /** A resolver whose every query ends as the given supplier decides. */
    private static final class FailingResolver implements Resolver {

        private final Supplier<CompletionStage<Message>> outcome;

        FailingResolver(Supplier<CompletionStage<Message>> outcome) {
            this.outcome = outcome;
        }

        @Override
        public CompletionStage<Message> sendAsync(Message query, Executor executor) {
            return outcome.get();
        }

        @Override
        public CompletionStage<Message> sendAsync(Message query) {
            return outcome.get();
        }

        @Override
        public void setPort(int port) {}

        @Override
        public void setTCP(boolean tcp) {}

        @Override
        public void setIgnoreTruncation(boolean ignore) {}

        @Override
        public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

        @Override
        public void setTSIGKey(TSIG key) {}

        @Override
        public void setTimeout(Duration timeout) {}
    }
}
