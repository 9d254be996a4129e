package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.SmtpReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The service extensions a server advertised in its EHLO reply (RFC 5321 §4.1.1.1). Keywords are
 * matched case-insensitively. After a HELO there are none ({@link #none()}), so no extension is
 * used.
 */
public final class Capabilities {

    /** RFC 5321 §4.1.1.1: ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"). */
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

    private static final Pattern SPACES = Pattern.compile(" +");

    private static final Capabilities NONE = new Capabilities(Map.of());

    /** Keywords in upper case, each with its parameters. */
    private final Map<String, List<String>> extensions;

    private Capabilities(Map<String, List<String>> extensions) {
        this.extensions = extensions;
    }

    /** Returns the capabilities of a server greeted with HELO: none. */
    public static Capabilities none() {
        return NONE;
    }

    /**
     * Parses an EHLO reply. The first line names the server and is skipped; each other line is a
     * keyword and its parameters. Lines that are not a valid keyword are ignored.
     */
    public static Capabilities parse(SmtpReply ehloReply) {
        Map<String, List<String>> extensions = new LinkedHashMap<>();
        List<String> lines = ehloReply.lines();
        for (String text : lines.subList(1, lines.size())) {
            List<String> words = new ArrayList<>(Arrays.asList(SPACES.split(text.strip())));
            String keyword = words.remove(0);
            // Some servers still send the pre-standard "AUTH=LOGIN PLAIN" form.
            if (keyword.regionMatches(true, 0, "AUTH=", 0, 5)) {
                words.add(0, keyword.substring(5));
                keyword = "AUTH";
            }
            if (KEYWORD.matcher(keyword).matches()) {
                extensions
                        .computeIfAbsent(keyword.toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                        .addAll(words);
            }
        }
        return new Capabilities(Collections.unmodifiableMap(extensions));
    }

    /** Returns whether the server advertised {@code keyword}, in any letter case. */
    public boolean supports(String keyword) {
        return extensions.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** Returns the parameters advertised with {@code keyword}, or an empty list. */
    public List<String> parameters(String keyword) {
        List<String> parameters = extensions.get(keyword.toUpperCase(Locale.ROOT));
        return parameters == null ? List.of() : Collections.unmodifiableList(parameters);
    }

    /**
     * Returns the largest message the server accepts in octets (RFC 1870 §4), or 0 when SIZE was
     * not advertised, was advertised without a number, with 0 (no fixed limit), or with a value
     * that is not a number.
     */
    public long maxMessageSize() {
        List<String> parameters = parameters("SIZE");
        if (parameters.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(parameters.get(0)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Returns the SASL mechanisms advertised with AUTH, in upper case. */
    public Set<String> authMechanisms() {
        Set<String> mechanisms = new java.util.LinkedHashSet<>();
        for (String mechanism : parameters("AUTH")) {
            mechanisms.add(mechanism.toUpperCase(Locale.ROOT));
        }
        return mechanisms;
    }

    /** Returns the advertised keywords in upper case, in the server's order. */
    public Set<String> keywords() {
        return extensions.keySet();
    }

    @Override
    public String toString() {
        return extensions.toString();
    }
}
