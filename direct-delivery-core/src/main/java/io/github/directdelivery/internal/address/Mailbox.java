package io.github.directdelivery.internal.address;

import io.github.directdelivery.internal.dns.DomainNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A validated envelope mailbox, {@code local-part@domain}, as SMTP sends it in MAIL and RCPT.
 *
 * @param localPart the local part exactly as given (dot-string or quoted string, possibly UTF-8)
 * @param domain the domain in ASCII: an A-label name in lower case, or an address literal such as
 *     {@code [192.0.2.1]}
 * @param literalAddress the address of an address-literal domain, or null for a domain name
 */
public record Mailbox(String localPart, String domain, @Nullable InetAddress literalAddress) {

    // RFC 5321 §4.5.3.1: local part 64 octets, domain 255 octets, path 256 octets with the brackets.
    private static final int MAX_LOCAL_PART_OCTETS = 64;
    private static final int MAX_DOMAIN_OCTETS = 255;
    private static final int MAX_PATH_OCTETS = 256;

    /**
     * Parses and validates an address such as {@code user@example.com} or
     * {@code <user@bücher.example>}; the domain is converted to its A-label form.
     *
     * @throws IllegalArgumentException naming the address and what is wrong with it
     */
    public static Mailbox parse(String address) {
        String text = stripAngleBrackets(address);
        rejectControlCharacters(address, text);

        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw invalid(address, "expected local-part@domain");
        }
        String localPart = text.substring(0, at);
        String domainText = text.substring(at + 1);

        checkLocalPart(address, localPart);
        Mailbox mailbox;
        if (domainText.startsWith("[")) {
            mailbox = new Mailbox(localPart, domainText, parseAddressLiteral(address, domainText));
        } else {
            String ascii;
            try {
                ascii = DomainNames.toAscii(domainText);
            } catch (IllegalArgumentException e) {
                throw invalid(address, e.getMessage());
            }
            mailbox = new Mailbox(localPart, ascii, null);
        }

        if (octets(mailbox.domain) > MAX_DOMAIN_OCTETS) {
            throw invalid(address, "the domain is longer than " + MAX_DOMAIN_OCTETS + " octets");
        }
        if (octets(mailbox.toString()) + 2 > MAX_PATH_OCTETS) {
            throw invalid(address, "the path is longer than " + MAX_PATH_OCTETS + " octets");
        }
        return mailbox;
    }

    /** Returns whether the local part has non-ASCII characters, so MAIL needs SMTPUTF8 (RFC 6531). */
    public boolean needsSmtpUtf8() {
        return localPart.chars().anyMatch(c -> c >= 0x80);
    }

    /** Returns the address as it goes between the angle brackets of MAIL FROM or RCPT TO. */
    @Override
    public String toString() {
        return localPart + "@" + domain;
    }

    private static String stripAngleBrackets(String address) {
        if (address.length() >= 2 && address.startsWith("<") && address.endsWith(">")) {
            return address.substring(1, address.length() - 1);
        }
        return address;
    }

    private static void rejectControlCharacters(String original, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw invalid(original, "it contains CR, LF or NUL");
            }
            if (c < 0x20 || c == 0x7f) {
                throw invalid(
                        original, String.format(Locale.ROOT, "it contains the control character U+%04X", (int) c));
            }
        }
    }

    // RFC 5321 §4.1.2: Local-part = Dot-string / Quoted-string; RFC 6531 §3.3 admits UTF-8 in both.
    private static void checkLocalPart(String address, String localPart) {
        if (octets(localPart) > MAX_LOCAL_PART_OCTETS) {
            throw invalid(address, "the local part is longer than " + MAX_LOCAL_PART_OCTETS + " octets");
        }
        if (localPart.startsWith("\"")) {
            checkQuotedString(address, localPart);
        } else {
            checkDotString(address, localPart);
        }
    }

    private static void checkDotString(String address, String localPart) {
        if (localPart.startsWith(".") || localPart.endsWith(".") || localPart.contains("..")) {
            throw invalid(address, "the local part has an empty dot-separated part; quote it if that is intended");
        }
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c != '.' && !isAtext(c)) {
                throw invalid(address, "the local part contains '" + c + "', which must be quoted");
            }
        }
    }

    private static void checkQuotedString(String address, String localPart) {
        if (localPart.length() < 2 || !localPart.endsWith("\"")) {
            throw invalid(address, "the quoted local part has no closing quote");
        }
        for (int i = 1; i < localPart.length() - 1; i++) {
            char c = localPart.charAt(i);
            if (c == '\\') {
                i++;
                if (i == localPart.length() - 1) {
                    throw invalid(address, "the quoted local part ends with a backslash");
                }
            } else if (c == '"') {
                throw invalid(address, "the quoted local part contains an unescaped quote");
            }
        }
    }

    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0
                || c >= 0x80;
    }

    // RFC 5321 §4.1.3: address-literal = "[" ( IPv4-address-literal / IPv6-address-literal ) "]".
    private static InetAddress parseAddressLiteral(String address, String literal) {
        if (!literal.endsWith("]")) {
            throw invalid(address, "the address literal has no closing bracket");
        }
        String inner = literal.substring(1, literal.length() - 1);
        boolean ipv6 = inner.regionMatches(true, 0, "IPv6:", 0, 5);
        String digits = ipv6 ? inner.substring(5) : inner;
        boolean valid = ipv6 ? digits.matches("[0-9A-Fa-f:.]+") && digits.contains(":") : isDottedQuad(digits);
        if (!valid) {
            throw invalid(address, "the address literal is neither an IPv4 address nor \"IPv6:\" and an IPv6 address");
        }
        try {
            // Only numeric forms reach this point, so no name lookup takes place.
            return InetAddress.getByName(digits);
        } catch (UnknownHostException e) {
            throw invalid(address, "the address literal is not a valid IP address");
        }
    }

    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static int octets(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static IllegalArgumentException invalid(String address, @Nullable String problem) {
        return new IllegalArgumentException("Invalid address \"" + printable(address) + "\": " + problem);
    }

    private static String printable(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
