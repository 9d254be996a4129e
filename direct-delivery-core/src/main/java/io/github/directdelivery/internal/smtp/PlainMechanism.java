package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * SASL PLAIN (RFC 4616): one message, {@code NUL username NUL password} in UTF-8, sent as the
 * initial response (RFC 4954 §4) so the exchange takes one round trip.
 */
final class PlainMechanism implements AuthMechanism {

    private final Credentials credentials;

    PlainMechanism(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public String initialResponse() {
        // RFC 4616 §2: message = [authzid] UTF8NUL authcid UTF8NUL passwd; no authorisation identity.
        String message = "\0" + credentials.username() + "\0" + credentials.password();
        return Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String respond(String challenge) throws SmtpProtocolException {
        throw new SmtpProtocolException("the server sent a challenge after the PLAIN initial response");
    }
}
