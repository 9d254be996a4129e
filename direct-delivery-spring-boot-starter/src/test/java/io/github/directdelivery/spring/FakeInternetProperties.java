package io.github.directdelivery.spring;

import io.github.directdelivery.testkit.FakeInternet;

/** The starter's properties for tests against a {@link FakeInternet}. */
final class FakeInternetProperties {

    private FakeInternetProperties() {}

    /** Returns the properties that aim the starter at {@code internet}, with short timeouts and no retry. */
    static String[] of(FakeInternet internet) {
        return new String[] {
            "direct-delivery.helo-name=app.example.test",
            "direct-delivery.dns.server=127.0.0.1:" + internet.dnsServer().getPort(),
            "direct-delivery.smtp-port=" + internet.smtpPort(),
            "direct-delivery.allow-local-destinations=true",
            "direct-delivery.timeouts.connect=2s",
            "direct-delivery.timeouts.greeting=5s",
            "direct-delivery.timeouts.command=5s",
            "direct-delivery.retry.max-attempts=1"
        };
    }
}
