package io.github.directdelivery.internal.dns;

/** Converts an internationalised domain name to its ASCII form, with each U-label as an A-label. */
interface IdnaConverter {

    /**
     * Converts {@code name} to ASCII.
     *
     * @param name a domain name in lower case as far as ASCII letters go, without a trailing dot
     * @return the name with every non-ASCII label replaced by its A-label ({@code xn--...})
     * @throws IllegalArgumentException if the name is not a valid internationalised domain name, or
     *     if this converter cannot convert it without guessing. The message is the rest of a
     *     sentence that starts with the domain, such as {@code "is not a valid ..."}
     */
    String toAscii(String name);
}
