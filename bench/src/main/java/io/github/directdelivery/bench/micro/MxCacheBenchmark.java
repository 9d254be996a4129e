package io.github.directdelivery.bench.micro;

import io.github.directdelivery.MxResolver;
import io.github.directdelivery.ResolvedRoute;
import io.github.directdelivery.Route;
import io.github.directdelivery.testkit.DnsServer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resolves the same domain again and again with one {@link MxResolver}, against the test kit's
 * DNS server on loopback: after the first call every answer comes from the resolver's cache, as
 * it does for a client that sends many messages to one domain. The domain has two MX hosts of
 * equal preference, so each call also shuffles them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.github.directdelivery.loopbackOnly=true")
@SuppressWarnings("NullAway.Init") // JMH calls setUp before any benchmark method.
public class MxCacheBenchmark {

    private DnsServer dns;
    private MxResolver resolver;

    @Setup
    public void setUp() throws IOException {
        dns = DnsServer.start();
        dns.mx("cached.test", 10, "mx1.cached.test")
                .mx("cached.test", 10, "mx2.cached.test")
                .a("mx1.cached.test", "127.0.2.1")
                .a("mx2.cached.test", "127.0.2.2");
        resolver = MxResolver.builder()
                .dnsServer(dns.address())
                .allowLocalDestinations(true)
                .build();
        Route first = resolver.resolve("cached.test");
        if (!(first instanceof ResolvedRoute resolved) || resolved.hosts().size() != 2) {
            throw new IllegalStateException("the DNS server did not give the expected route: " + first);
        }
    }

    @TearDown
    public void tearDown() {
        dns.close();
    }

    @Benchmark
    public Route resolveCached() {
        return resolver.resolve("cached.test");
    }
}
