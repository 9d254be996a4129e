package io.github.directdelivery;

import io.github.directdelivery.testkit.FakeInternet;
import java.time.Duration;
import java.util.SplittableRandom;

/** Client builders for delivery tests against a {@link FakeInternet}. */
final class TestClient {

    private TestClient() {}

    /**
     * Returns a client builder aimed at {@code network}, with short timeouts, no retry and a fixed
     * random seed, so that hosts of equal preference are shuffled the same way in every run.
     */
    static DirectDelivery.Builder builder(FakeInternet network) {
        return DirectDelivery.builder()
                .heloName("client.example.test")
                .dnsServer(network.dnsServer())
                .smtpPort(network.smtpPort())
                .allowLocalDestinations(true)
                .timeouts(SmtpTimeouts.uniform(Duration.ofSeconds(5)))
                .retry(RetrySettings.none())
                .random(new SplittableRandom(1));
    }
}
