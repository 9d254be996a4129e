package io.github.directdelivery.internal.dns;

import io.github.directdelivery.AddressPreference;
import io.github.directdelivery.internal.net.AddressClassifier;
import io.github.directdelivery.internal.net.AddressRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks up the addresses of one MX host: A and AAAA records as the address preference allows, in
 * its order, with every address that is not publicly routable refused unless local destinations
 * are allowed.
 */
final class AddressLookup {

    private static final Logger LOG = LoggerFactory.getLogger(AddressLookup.class);

    private final DnsClient client;
    private final List<Integer> recordTypes;
    private final boolean allowLocalDestinations;

    AddressLookup(DnsClient client, AddressPreference preference, boolean allowLocalDestinations) {
        this.client = client;
        this.recordTypes = recordTypes(preference);
        this.allowLocalDestinations = allowLocalDestinations;
    }

    private static List<Integer> recordTypes(AddressPreference preference) {
        return switch (preference) {
            case IPV4_FIRST -> List.of(Type.A, Type.AAAA);
            case IPV6_FIRST -> List.of(Type.AAAA, Type.A);
            case IPV4_ONLY -> List.of(Type.A);
            case IPV6_ONLY -> List.of(Type.AAAA);
        };
    }

    /**
     * Looks up the addresses of {@code target}, an MX host of {@code domain}. Failed lookups become
     * warnings, so the future fails only on an {@link Error}.
     */
    CompletableFuture<HostAddresses> lookup(String domain, MxTarget target) {
        Name name = absoluteName(target.host());
        List<CompletableFuture<DnsAnswer>> answers = new ArrayList<>(recordTypes.size());
        for (int type : recordTypes) {
            answers.add(client.lookup(name, type));
        }
        return CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0]))
                .thenApply(ignored -> collect(domain, target, answers));
    }

    private HostAddresses collect(String domain, MxTarget target, List<CompletableFuture<DnsAnswer>> answers) {
        List<InetAddress> addresses = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean temporaryFailure = false;
        boolean noSuchDomain = false;
        @Nullable Instant expires = Instant.MAX;
        for (CompletableFuture<DnsAnswer> future : answers) {
            DnsAnswer answer = future.join();
            expires = earlier(expires, answer.expiry());
            if (answer instanceof DnsAnswer.Found found) {
                addAddresses(domain, target, found.records(), addresses, warnings);
            } else if (answer instanceof DnsAnswer.TemporaryFailure failure) {
                temporaryFailure = true;
                warnings.add("MX host " + target.host() + " of " + domain + ": " + failure.reason());
            } else if (answer instanceof DnsAnswer.NoSuchDomain) {
                noSuchDomain = true;
            }
        }

        if (addresses.isEmpty() && warnings.isEmpty()) {
            String problem =
                    noSuchDomain ? "the host name does not exist (NXDOMAIN)" : "it has no " + typeNames() + " record";
            LOG.debug("Skipping MX host {} of {}: {}", target.host(), domain, problem);
            warnings.add("MX host " + target.host() + " of " + domain + " skipped: " + problem);
        }
        return new HostAddresses(target, addresses, warnings, temporaryFailure, expires);
    }

    /** Returns the earlier of two expiries, where null, an answer not to be kept, comes first. */
    private static @Nullable Instant earlier(@Nullable Instant first, @Nullable Instant second) {
        if (first == null || second == null) {
            return null;
        }
        return first.isBefore(second) ? first : second;
    }

    private void addAddresses(
            String domain, MxTarget target, List<Record> records, List<InetAddress> addresses, List<String> warnings) {
        for (Record record : records) {
            InetAddress address = toAddress(target.host(), record);
            if (address == null || addresses.contains(address)) {
                continue;
            }
            AddressRange range = AddressClassifier.classify(address);
            if (range.isPubliclyRoutable() || allowLocalDestinations) {
                addresses.add(address);
            } else {
                LOG.warn(
                        "Refusing address {} of MX host {} of {}: {}",
                        address.getHostAddress(),
                        target.host(),
                        domain,
                        range.description());
                warnings.add("address " + address.getHostAddress() + " of MX host " + target.host() + " of " + domain
                        + " refused: " + range.description() + ", not publicly routable (set allowLocalDestinations"
                        + " to deliver to it)");
            }
        }
    }

    /**
     * Returns the address of an A or AAAA record, or null for a record of another type. The address
     * carries the host name, so that its getHostName() returns it without a reverse DNS lookup.
     */
    private static @Nullable InetAddress toAddress(String host, Record record) {
        InetAddress address;
        if (record instanceof ARecord a) {
            address = a.getAddress();
        } else if (record instanceof AAAARecord aaaa) {
            address = aaaa.getAddress();
        } else {
            return null;
        }
        try {
            return InetAddress.getByAddress(host, address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Unexpected address length in an A or AAAA record", e);
        }
    }

    private String typeNames() {
        return recordTypes.size() == 2 ? "A or AAAA" : Type.string(recordTypes.get(0));
    }

    static Name absoluteName(String host) {
        try {
            return Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("Invalid host name \"" + host + "\": " + e.getMessage(), e);
        }
    }
}
