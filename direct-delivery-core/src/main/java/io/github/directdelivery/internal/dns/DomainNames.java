package io.github.directdelivery.internal.dns;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts domain names to the ASCII form that is looked up in DNS and sent in SMTP commands, and
 * rejects names that are not valid host names.
 *
 * <p>Internationalised names are converted to A-labels by IDNA2008 rules (RFC 5891), using the
 * non-transitional processing of UTS #46 from ICU4J when ICU4J is on the class path. ICU4J is an
 * optional dependency: without it, {@link java.net.IDN} (IDNA2003) converts the names on which
 * both standards agree, and any other name is rejected with a message that recommends adding
 * ICU4J.
 */
public final class DomainNames {

    /** The maximum length of a name in its text form without the trailing dot (RFC 1035 §2.3.4). */
    public static final int MAX_NAME_LENGTH = 253;

    /** The maximum length of one label (RFC 1035 §2.3.4). */
    public static final int MAX_LABEL_LENGTH = 63;

    private static final Logger LOG = LoggerFactory.getLogger(DomainNames.class);

    private static final String ICU_IDNA_CLASS = "com.ibm.icu.text.IDNA";

    private static final IdnaConverter CONVERTER = loadConverter();

    private DomainNames() {}

    /**
     * Converts a domain name to lower-case ASCII, each internationalised label as its A-label, and
     * checks that the result is a valid host name. A valid host name has labels of 1 to 63 letters,
     * digits and hyphens that neither start nor end with a hyphen, and at most 253 characters in
     * all. One trailing dot is accepted and removed.
     *
     * <p>For example {@code bücher.example.com} becomes {@code xn--bcher-kva.example.com} and
     * {@code faß.de} becomes {@code xn--fa-hia.de} (never {@code fass.de}).
     *
     * @param domain a domain name such as {@code example.com} or {@code bücher.example}
     * @return the name in ASCII, without a trailing dot
     * @throws IllegalArgumentException if the name is invalid, or if it cannot be converted
     *     without ICU4J; the message names the domain and the problem
     */
    public static String toAscii(String domain) {
        return toAscii(domain, CONVERTER);
    }

    static String toAscii(String domain, IdnaConverter converter) {
        Objects.requireNonNull(domain, "domain");
        String name = lowerCaseAscii(domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain);
        if (name.isEmpty()) {
            throw invalid(domain, "the name is empty");
        }

        // Plain host names need no conversion; names with A-labels are checked by the converter.
        boolean plainAscii = isAscii(name) && !name.startsWith("xn--") && !name.contains(".xn--");
        String ascii = plainAscii ? name : convert(domain, name, converter);

        checkHostName(domain, ascii);
        return ascii;
    }

    private static String convert(String domain, String name, IdnaConverter converter) {
        try {
            return converter.toAscii(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Domain " + quote(domain) + " " + e.getMessage(), e);
        }
    }

    private static void checkHostName(String domain, String ascii) {
        if (ascii.length() > MAX_NAME_LENGTH) {
            throw invalid(
                    domain,
                    "it is " + ascii.length() + " characters long in ASCII, more than the maximum of "
                            + MAX_NAME_LENGTH);
        }
        int start = 0;
        while (true) {
            int dot = ascii.indexOf('.', start);
            checkLabel(domain, ascii.substring(start, dot < 0 ? ascii.length() : dot));
            if (dot < 0) {
                return;
            }
            start = dot + 1;
        }
    }

    private static void checkLabel(String domain, String label) {
        if (label.isEmpty()) {
            throw invalid(domain, "it has an empty label");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            throw invalid(
                    domain,
                    "label " + quote(label) + " is " + label.length() + " characters long, more than the maximum of "
                            + MAX_LABEL_LENGTH);
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!isLetterDigitHyphen(c)) {
                throw invalid(
                        domain,
                        "label " + quote(label) + " contains " + quote(String.valueOf(c))
                                + ", but only letters, digits and hyphens are allowed");
            }
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw invalid(domain, "label " + quote(label) + " starts or ends with a hyphen");
        }
        // RFC 5891 §4.2.3.1: "--" in the third and fourth positions is reserved for A-labels.
        if (label.startsWith("--", 2) && !label.startsWith("xn--")) {
            throw invalid(
                    domain,
                    "label " + quote(label) + " has hyphens in the third and fourth positions,"
                            + " which are reserved for A-labels such as xn--");
        }
    }

    private static boolean isLetterDigitHyphen(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static IllegalArgumentException invalid(String domain, String problem) {
        return new IllegalArgumentException("Invalid domain " + quote(domain) + ": " + problem);
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code text} with the ASCII letters A to Z in lower case and every other character kept. */
    static String lowerCaseAscii(String text) {
        if (!hasUpperCaseAscii(text)) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            result.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return result.toString();
    }

    private static boolean hasUpperCaseAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return false;
    }

    /** Quotes text for an error message, with control characters escaped so the message stays on one line. */
    static String quote(String text) {
        StringBuilder result = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                result.append(String.format("\\u%04X", (int) c));
            } else {
                result.append(c);
            }
        }
        return result.append('"').toString();
    }

    private static IdnaConverter loadConverter() {
        try {
            Class.forName(ICU_IDNA_CLASS, false, DomainNames.class.getClassLoader());
            IdnaConverter converter = new IcuUts46Converter();
            LOG.debug("Converting internationalised domain names with ICU4J (UTS #46, non-transitional)");
            return converter;
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.debug(
                    "ICU4J is not usable ({}); converting internationalised domain names with java.net.IDN,"
                            + " which rejects names that IDNA2003 and IDNA2008 convert differently",
                    e.toString());
            return new JdkIdna2003Converter();
        }
    }
}
