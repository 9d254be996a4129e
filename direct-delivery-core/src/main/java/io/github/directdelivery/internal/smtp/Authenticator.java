package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.Credentials;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.SmtpTimeouts;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Runs the AUTH exchange with a relay (RFC 4954): the command, the 334 challenges and the final
 * 235. The transcript shows the mechanism but never a credential.
 */
final class Authenticator {

    /** LOGIN needs two challenges; a server that sends more is not following any mechanism. */
    private static final int MAX_CHALLENGES = 4;

    private final SmtpConnection connection;
    private final SmtpTimeouts timeouts;
    private final String host;

    Authenticator(SmtpConnection connection, SmtpTimeouts timeouts, String host) {
        this.connection = connection;
        this.timeouts = timeouts;
        this.host = host;
    }

    /**
     * Authenticates, or returns why not.
     *
     * @param channelProtected whether the connection is encrypted or to a loopback address; credentials
     *     are never sent in plaintext over a network
     * @return null on success (235), otherwise an {@link SessionFailure.Kind#AUTH_FAILED} or
     *     {@link SessionFailure.Kind#SERVER_CLOSING} failure
     * @throws IOException if the transport fails or the server breaks the exchange
     */
    @Nullable
    SessionFailure authenticate(Credentials credentials, Capabilities capabilities, boolean channelProtected)
            throws IOException {
        if (!channelProtected) {
            return failed(
                    "credentials are sent only over TLS, and the connection to " + host + " is not encrypted", null);
        }
        AuthMechanism mechanism = AuthMechanism.choose(capabilities.authMechanisms(), credentials);
        if (mechanism == null) {
            return failed(
                    host + " offers no AUTH mechanism this client supports (PLAIN, LOGIN), only "
                            + capabilities.authMechanisms(),
                    null);
        }

        String initial = mechanism.initialResponse();
        String command = "AUTH " + mechanism.name();
        SmtpReply reply = send(
                initial == null ? command : command + " " + initial,
                initial == null ? command : command + " <redacted>");
        int challenges = 0;
        while (reply.code() == 334) {
            if (++challenges > MAX_CHALLENGES) {
                throw new SmtpProtocolException(
                        "AUTH " + mechanism.name() + " got more than " + MAX_CHALLENGES + " challenges");
            }
            reply = send(mechanism.respond(reply.text()), "<redacted>");
        }

        if (reply.code() == 235) {
            return null;
        }
        if (reply.code() == 421) {
            connection.close();
            return SessionFailure.of(SessionFailure.Kind.SERVER_CLOSING, host + " is closing the connection", reply);
        }
        return failed(host + " refused AUTH " + mechanism.name(), reply);
    }

    private SmtpReply send(String line, String shown) throws IOException {
        connection.writeLine(line, shown);
        connection.flush(timeouts.write());
        return connection.readReply(timeouts.command(), "the reply to AUTH");
    }

    private static SessionFailure failed(String message, @Nullable SmtpReply reply) {
        return SessionFailure.of(SessionFailure.Kind.AUTH_FAILED, message, reply);
    }
}
