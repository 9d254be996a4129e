package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.internal.message.MessageFacts;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The requirements a message places on a server's extensions: whether the host qualifies at all, and the
 * MAIL and RCPT parameters that declare it.
 */
final class MessageRequirements {

    /** RFC 3463: message length exceeds administrative limit. */
    static final EnhancedStatusCode TOO_BIG = new EnhancedStatusCode(5, 3, 4);
    /** RFC 6152 §4 and RFC 3463: 8-bit content to a server without 8BITMIME. */
    static final EnhancedStatusCode EIGHT_BIT_UNSUPPORTED = new EnhancedStatusCode(5, 6, 3);
    /** RFC 6531 §3.5: a non-ASCII address to a server without SMTPUTF8. */
    static final EnhancedStatusCode UTF8_ADDRESS_UNSUPPORTED = new EnhancedStatusCode(5, 6, 7);
    /** RFC 6531 §3.5: UTF-8 header fields to a server without SMTPUTF8. */
    static final EnhancedStatusCode UTF8_HEADER_UNSUPPORTED = new EnhancedStatusCode(5, 6, 9);

    private MessageRequirements() {}

    /** Returns why {@code host} cannot take this message, or null when it can. */
    static @Nullable SessionFailure check(
            String host, Capabilities capabilities, SmtpEnvelope envelope, MessageFacts facts) {
        long limit = capabilities.maxMessageSize();
        if (limit > 0 && facts.size() > limit) {
            return unsuitable(host + " accepts at most " + limit + " octets, the message has " + facts.size(), TOO_BIG);
        }
        boolean utf8 = capabilities.supports("SMTPUTF8");
        if (!utf8
                && (!isAscii(envelope.sender())
                        || envelope.recipients().stream().anyMatch(r -> !isAscii(r)))) {
            return unsuitable(
                    host + " does not offer SMTPUTF8, which a non-ASCII address needs", UTF8_ADDRESS_UNSUPPORTED);
        }
        if (!utf8 && facts.nonAsciiHeaders()) {
            return unsuitable(
                    host + " does not offer SMTPUTF8, which the UTF-8 header fields need", UTF8_HEADER_UNSUPPORTED);
        }
        if (facts.eightBit() && !capabilities.supports("8BITMIME")) {
            return unsuitable(host + " does not offer 8BITMIME, which the 8-bit content needs", EIGHT_BIT_UNSUPPORTED);
        }
        return null;
    }

    /**
     * Splits the recipients into the groups that go into separate transactions: the ASCII
     * addresses and the others, so that SMTPUTF8 is declared only where it is needed (RFC 6531
     * §3.4). When the sender or the header fields need it anyway there is one group.
     */
    static List<List<String>> groups(SmtpEnvelope envelope, MessageFacts facts) {
        if (!isAscii(envelope.sender()) || facts.nonAsciiHeaders()) {
            return List.of(envelope.recipients());
        }
        List<String> ascii = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String recipient : envelope.recipients()) {
            (isAscii(recipient) ? ascii : other).add(recipient);
        }
        List<List<String>> groups = new ArrayList<>();
        if (!ascii.isEmpty()) {
            groups.add(ascii);
        }
        if (!other.isEmpty()) {
            groups.add(other);
        }
        return groups;
    }

    /** Returns the MAIL parameters for a transaction with these recipients. */
    static List<String> mailParameters(
            Capabilities capabilities, SmtpEnvelope envelope, List<String> recipients, MessageFacts facts) {
        List<String> parameters = new ArrayList<>();
        if (capabilities.supports("SIZE")) {
            parameters.add("SIZE=" + facts.size());
        }
        if (facts.eightBit()) {
            parameters.add("BODY=8BITMIME");
        }
        boolean utf8 = !isAscii(envelope.sender())
                || facts.nonAsciiHeaders()
                || recipients.stream().anyMatch(r -> !isAscii(r));
        if (utf8) {
            parameters.add("SMTPUTF8");
        }
        DsnOptions dsn = envelope.dsn();
        if (capabilities.supports("DSN")) {
            if (dsn.ret() != null) {
                parameters.add("RET=" + (dsn.ret() == DsnOptions.Return.FULL ? "FULL" : "HDRS"));
            }
            if (dsn.envelopeId() != null) {
                parameters.add("ENVID=" + Xtext.encode(dsn.envelopeId()));
            }
        }
        return parameters;
    }

    /** Returns the RCPT parameters for {@code recipient}: the DSN ones when requested and offered. */
    static List<String> rcptParameters(Capabilities capabilities, DsnOptions dsn, String recipient) {
        if (!capabilities.supports("DSN") || dsn.isEmpty()) {
            return List.of();
        }
        List<String> parameters = new ArrayList<>();
        if (!dsn.notifyOn().isEmpty()) {
            List<String> values = new ArrayList<>();
            dsn.notifyOn().forEach(value -> values.add(value.name()));
            parameters.add("NOTIFY=" + String.join(",", values));
        }
        // RFC 3461 §4.2 for ASCII addresses; RFC 6533 §3 for internationalised ones.
        parameters.add(
                isAscii(recipient)
                        ? "ORCPT=rfc822;" + Xtext.encode(recipient)
                        : "ORCPT=utf-8;" + Xtext.encodeUtf8Address(recipient));
        return parameters;
    }

    static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static SessionFailure unsuitable(String message, EnhancedStatusCode code) {
        return new SessionFailure(SessionFailure.Kind.HOST_UNSUITABLE, message, null, code, false, null);
    }
}
