package io.github.directdelivery;

import io.github.directdelivery.testkit.DnsServer;
import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A loopback DNS server per test, and a resolver builder aimed at it. */
abstract class ResolverTestSupport {

    protected DnsServer dns;

    @BeforeEach
    void startDns() throws IOException {
        dns = DnsServer.start();
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    /** Returns a resolver builder for the test's DNS server: no retries, a fixed seed, local destinations refused. */
    protected MxResolver.Builder resolverForTestServer() {
        return MxResolver.builder()
                .dnsServer(dns.address())
                .timeout(Duration.ofSeconds(2))
                .retries(0)
                .random(new SplittableRandom(42));
    }
}
