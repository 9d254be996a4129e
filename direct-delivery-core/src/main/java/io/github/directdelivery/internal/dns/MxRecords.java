package io.github.directdelivery.internal.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;

/** Reads the MX records of a domain into the hosts worth looking up. */
final class MxRecords {

    private static final Logger LOG = LoggerFactory.getLogger(MxRecords.class);

    private MxRecords() {}

    /**
     * The hosts to look up and the warnings for the records that were skipped.
     *
     * @param targets one target per host name, with the lowest preference that any record gave it
     * @param warnings one line per skipped record
     */
    record Selection(List<MxTarget> targets, List<String> warnings) {}

    /**
     * Returns whether the records are a null MX (RFC 7505 §3): a single MX record whose target is
     * the root, which declares that the domain accepts no mail.
     */
    static boolean isNullMx(List<MXRecord> records) {
        return records.size() == 1 && records.get(0).getTarget().equals(Name.root);
    }

    /**
     * Selects the targets of {@code records} that name a host. A target that is the root (a null
     * MX among other records) or an IP address literal cannot be delivered to, so it is skipped
     * with a warning and the other records are used.
     */
    static Selection select(String domain, List<MXRecord> records) {
        Map<String, Integer> preferences = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (MXRecord record : records) {
            Name target = record.getTarget();
            String host = target.canonicalize().toString(true);
            if (target.equals(Name.root)) {
                warnings.add(skipped(domain, ".", "a null MX record must be the only MX record (RFC 7505 §3)"));
            } else if (isAddressLiteral(host)) {
                warnings.add(skipped(domain, host, "the target is an IP address literal, not a host name"));
            } else {
                preferences.merge(host, record.getPriority(), Math::min);
            }
        }

        List<MxTarget> targets = new ArrayList<>(preferences.size());
        preferences.forEach((host, preference) -> targets.add(new MxTarget(host, preference)));
        return new Selection(targets, warnings);
    }

    /**
     * Returns whether a target looks like an IP address ({@code 192.0.2.1}, {@code [192.0.2.1]},
     * {@code [IPv6:2001:db8::1]}) rather than a host name. A name whose last label is all digits
     * is taken for an address, because no top-level domain is all-numeric.
     */
    static boolean isAddressLiteral(String host) {
        if (host.startsWith("[") || host.endsWith("]") || host.indexOf(':') >= 0) {
            return true;
        }
        String lastLabel = host.substring(host.lastIndexOf('.') + 1);
        return !lastLabel.isEmpty() && lastLabel.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String skipped(String domain, String host, String reason) {
        LOG.warn("Skipping MX host {} of {}: {}", host, domain, reason);
        return "MX host " + host + " of " + domain + " skipped: " + reason;
    }
}
