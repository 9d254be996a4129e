package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.internal.address.Mailbox;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The recipients of an envelope, validated and grouped by domain. Each keeps its SMTP form (the
 * domain as an A-label in lower case); addresses that differ only in the domain's spelling are
 * one recipient.
 */
final class Recipients {

    private final Map<String, String> smtpForms = new HashMap<>();
    private final Map<String, List<String>> givenForms = new HashMap<>();
    private final Map<String, List<String>> byDomain = new LinkedHashMap<>();
    private final Map<String, InetAddress> literals = new HashMap<>();

    private Recipients() {}

    /**
     * Validates every address before any of them is sent.
     *
     * @throws IllegalArgumentException naming the first malformed address
     */
    static Recipients of(List<String> addresses) {
        Recipients recipients = new Recipients();
        for (String address : addresses) {
            Mailbox mailbox = Mailbox.parse(address);
            String smtpForm = mailbox.toString();
            recipients.smtpForms.put(address, smtpForm);
            recipients
                    .givenForms
                    .computeIfAbsent(smtpForm, form -> new ArrayList<>())
                    .add(address);
            List<String> group = recipients.byDomain.computeIfAbsent(mailbox.domain(), domain -> new ArrayList<>());
            if (!group.contains(smtpForm)) {
                group.add(smtpForm);
            }
            InetAddress literal = mailbox.literalAddress();
            if (literal != null) {
                recipients.literals.put(mailbox.domain(), literal);
            }
        }
        return recipients;
    }

    Map<String, List<String>> byDomain() {
        return byDomain;
    }

    /** Returns the address of an address-literal domain, or null for a domain name. */
    @Nullable
    InetAddress literal(String domain) {
        return literals.get(domain);
    }

    /** Returns the addresses of the envelope that have this SMTP form, usually one. */
    List<String> givenForms(String smtpForm) {
        return givenForms.getOrDefault(smtpForm, List.of());
    }

    String smtpForm(String address) {
        String form = smtpForms.get(address);
        if (form == null) {
            throw new IllegalArgumentException("Not a recipient of this envelope: " + address);
        }
        return form;
    }
}
