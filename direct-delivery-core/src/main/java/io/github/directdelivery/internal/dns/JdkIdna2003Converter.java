package io.github.directdelivery.internal.dns;

import java.net.IDN;

/**
 * Converts domain names with {@link IDN java.net.IDN}, which implements IDNA2003 (RFC 3490), for
 * when ICU4J is not on the class path. IDNA2003 and IDNA2008 give different A-labels for some
 * names (IDNA2003 maps {@code faß.de} to {@code fass.de}, a different domain), so this converter
 * accepts only names on which both agree: names that IDNA2003 leaves unchanged apart from the
 * encoding, and that contain none of the four deviation characters of UTS #46. Any other name is
 * rejected with a message that recommends adding ICU4J, because guessing would send mail to
 * another domain.
 */
final class JdkIdna2003Converter implements IdnaConverter {

    // The deviation characters of UTS #46: IDNA2003 maps ß, final sigma, ZWJ and ZWNJ, IDNA2008 keeps them.
    private static final String DEVIATIONS = "\u00DF\u03C2\u200D\u200C";

    @Override
    public String toAscii(String name) {
        String ascii = encode(name);
        String decoded = IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);

        if (containsDeviation(decoded) || containsDeviation(name)) {
            throw refusal("it contains ß, ς or a zero-width joiner, which IDNA2003 and IDNA2008 convert differently");
        }
        if (DomainNames.isAscii(name)) {
            checkALabels(ascii, decoded);
        } else if (!DomainNames.lowerCaseAscii(decoded).equals(name)) {
            throw refusal("IDNA2003 would map it to " + DomainNames.quote(decoded) + " first");
        }
        return DomainNames.lowerCaseAscii(ascii);
    }

    private static String encode(String name) {
        try {
            return IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid internationalised domain name: " + e.getMessage(), e);
        }
    }

    /** Checks a name given in ASCII: each A-label must decode, and encode back to itself. */
    private static void checkALabels(String ascii, String decoded) {
        for (String label : decoded.split("\\.", -1)) {
            // IDN.toUnicode returns a label that it cannot decode unchanged.
            if (label.startsWith("xn--")) {
                throw refusal("IDNA2003 rejects the A-label " + DomainNames.quote(label)
                        + ", which may still be valid by IDNA2008");
            }
        }
        if (!encode(decoded).equalsIgnoreCase(ascii)) {
            throw refusal("IDNA2003 does not encode " + DomainNames.quote(decoded) + " back to it");
        }
    }

    private static boolean containsDeviation(String text) {
        return text.chars().anyMatch(c -> DEVIATIONS.indexOf(c) >= 0);
    }

    private static IllegalArgumentException refusal(String reason) {
        return new IllegalArgumentException("cannot be converted safely without ICU4J: " + reason
                + ". Add com.ibm.icu:icu4j to the class path to convert it by IDNA2008 (UTS #46) rules");
    }
}
