package io.github.directdelivery.sample;

import java.util.function.IntSupplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The properties that aim the application's client at a fake Internet on loopback. */
final class FakeInternetProperties {

    private FakeInternetProperties() {}

    /**
     * Adds the HELO name, the DNS server on 127.0.0.1, the SMTP port and the permission to deliver
     * to loopback addresses. The ports are read when Spring resolves the properties, after the
     * servers have started.
     */
    static void add(DynamicPropertyRegistry properties, IntSupplier dnsPort, IntSupplier smtpPort) {
        properties.add("direct-delivery.helo-name", () -> "app.example.test");
        properties.add("direct-delivery.dns.server", () -> "127.0.0.1:" + dnsPort.getAsInt());
        properties.add("direct-delivery.smtp-port", smtpPort::getAsInt);
        properties.add("direct-delivery.allow-local-destinations", () -> "true");
    }
}
