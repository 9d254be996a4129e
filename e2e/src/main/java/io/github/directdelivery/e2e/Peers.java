package io.github.directdelivery.e2e;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The running peers as {@code e2e/peers/start} describes them in its env file: NSD's address, the
 * SMTP port, the scenario domains and the Maildir root. Each line is {@code NAME=value}.
 */
final class Peers {

    private final Properties values;

    private Peers(Properties values) {
        this.values = values;
    }

    /**
     * Reads the env file.
     *
     * @throws IOException if it cannot be read
     */
    static Peers load(Path envFile) throws IOException {
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(envFile, StandardCharsets.UTF_8)) {
            values.load(reader);
        }
        return new Peers(values);
    }

    /**
     * Returns a value of the env file.
     *
     * @throws IllegalStateException if the file lacks it
     */
    String get(String name) {
        String value = values.getProperty(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("The peers' env file has no " + name + "; restart the peers");
        }
        return value;
    }

    /** Returns NSD's address, from an IP address literal, so nothing is looked up. */
    InetSocketAddress dnsServer() {
        try {
            return new InetSocketAddress(
                    InetAddress.getByName(get("E2E_DNS_HOST")), Integer.parseInt(get("E2E_DNS_PORT")));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("E2E_DNS_HOST is not an IP address: " + get("E2E_DNS_HOST"), e);
        }
    }

    /** Returns the {@code --dns} option value for NSD. */
    String dnsOption() {
        return get("E2E_DNS_HOST") + ":" + get("E2E_DNS_PORT");
    }

    int smtpPort() {
        return Integer.parseInt(get("E2E_SMTP_PORT"));
    }

    Path maildirRoot() {
        return Path.of(get("E2E_MAILDIR_ROOT"));
    }

    Path tlsCertificate() {
        return Path.of(get("E2E_TLS_CERTIFICATE"));
    }

    /** Returns the domain of a scenario, such as {@code domain("DELIVER")} for E2E_DOMAIN_DELIVER. */
    String domain(String scenario) {
        return get("E2E_DOMAIN_" + scenario);
    }
}
