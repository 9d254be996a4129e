package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.Credentials;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A SASL mechanism for SMTP AUTH (RFC 4954). The session sends {@code AUTH name [initial]}, then
 * replies to each 334 challenge with {@link #respond}; every value is already base64.
 */
interface AuthMechanism {

    /** Returns the mechanism name as sent after AUTH. */
    String name();

    /** Returns the base64 initial response sent with the AUTH command, or null to wait for a challenge. */
    @Nullable
    String initialResponse();

    /**
     * Returns the base64 response to a 334 challenge (the challenge text, base64).
     *
     * @throws SmtpProtocolException if the mechanism expects no further challenge
     */
    String respond(String challenge) throws SmtpProtocolException;

    /**
     * Chooses PLAIN, else LOGIN, from what the server offers.
     *
     * @return the mechanism, or null if the server offers neither
     */
    static @Nullable AuthMechanism choose(Set<String> offered, Credentials credentials) {
        if (offered.contains("PLAIN")) {
            return new PlainMechanism(credentials);
        }
        if (offered.contains("LOGIN")) {
            return new LoginMechanism(credentials);
        }
        return null;
    }
}
