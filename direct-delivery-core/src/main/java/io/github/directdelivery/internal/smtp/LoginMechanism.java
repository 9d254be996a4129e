package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The LOGIN mechanism, never standardised but offered by many relays: the server asks for the
 * user name, then the password, each a base64 challenge, and the client answers each in base64.
 * Answers go by order, because the prompts' wording differs between servers.
 */
final class LoginMechanism implements AuthMechanism {

    private final Credentials credentials;
    private int challenges;

    LoginMechanism(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public @Nullable String initialResponse() {
        return null;
    }

    @Override
    public String respond(String challenge) throws SmtpProtocolException {
        challenges++;
        String answer;
        if (challenges == 1) {
            answer = credentials.username();
        } else if (challenges == 2) {
            answer = credentials.password();
        } else {
            throw new SmtpProtocolException("the server sent a third LOGIN challenge");
        }
        return Base64.getEncoder().encodeToString(answer.getBytes(StandardCharsets.UTF_8));
    }
}
