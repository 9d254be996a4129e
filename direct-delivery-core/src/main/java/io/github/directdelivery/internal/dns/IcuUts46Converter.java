package io.github.directdelivery.internal.dns;

import com.ibm.icu.text.IDNA;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Converts domain names by the non-transitional processing of UTS #46, which gives the IDNA2008
 * result (RFC 5891): {@code faß.de} becomes {@code xn--fa-hia.de}. Needs ICU4J on the class path,
 * so only {@link DomainNames} creates it, after checking that ICU4J is there.
 */
final class IcuUts46Converter implements IdnaConverter {

    // ICU documents UTS #46 instances as unmodifiable and thread-safe, so one is shared.
    private static final IDNA UTS46 = IDNA.getUTS46Instance(
            IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

    @Override
    public String toAscii(String name) {
        IDNA.Info info = new IDNA.Info();
        String ascii = UTS46.nameToASCII(name, new StringBuilder(), info).toString();
        if (info.hasErrors()) {
            throw new IllegalArgumentException(
                    "is not a valid internationalised domain name: " + describe(info.getErrors()));
        }
        return ascii;
    }

    private static String describe(Set<IDNA.Error> errors) {
        return errors.stream().map(IcuUts46Converter::describe).sorted().collect(Collectors.joining(", "));
    }

    private static String describe(IDNA.Error error) {
        return switch (error) {
            case EMPTY_LABEL -> "empty label";
            case LABEL_TOO_LONG -> "label longer than 63 octets";
            case DOMAIN_NAME_TOO_LONG -> "name longer than 253 octets";
            case LEADING_HYPHEN -> "label starts with a hyphen";
            case TRAILING_HYPHEN -> "label ends with a hyphen";
            case HYPHEN_3_4 -> "hyphens in the third and fourth positions of a label";
            case LEADING_COMBINING_MARK -> "label starts with a combining mark";
            case DISALLOWED -> "disallowed character";
            case PUNYCODE -> "invalid Punycode";
            case LABEL_HAS_DOT -> "label contains a dot";
            case INVALID_ACE_LABEL -> "invalid A-label";
            case BIDI -> "right-to-left label breaks the Bidi rule of RFC 5893";
            case CONTEXTJ -> "zero-width joiner or non-joiner outside the context RFC 5892 allows";
            default -> error.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
