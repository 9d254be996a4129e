package io.github.directdelivery.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The records a {@link DnsServer} answers from, and the answers built from them as an
 * authoritative server builds them (RFC 1034 §4.3.2). Thread-safe.
 */
final class RecordStore {

    /** The longest CNAME chain that is followed within one answer. */
    private static final int MAX_CNAME_HOPS = 8;

    private final Map<Name, List<Record>> records = new HashMap<>();
    private final SOARecord rootSoa;

    RecordStore(long negativeTtlSeconds) {
        Name host = Name.fromConstantString("ns.dns-server.test.");
        Name mailbox = Name.fromConstantString("hostmaster.dns-server.test.");
        // The minimum field, here equal to the TTL, is how long resolvers cache negative answers (RFC 2308 §5).
        this.rootSoa = new SOARecord(
                Name.root, DClass.IN, negativeTtlSeconds, host, mailbox, 1, 3600, 600, 86400, negativeTtlSeconds);
    }

    /** Adds {@code record}, unless an equal record is already there. */
    synchronized void add(Record record) {
        List<Record> atName = records.computeIfAbsent(record.getName().canonicalize(), name -> new ArrayList<>());
        if (!atName.contains(record)) {
            atName.add(record);
        }
    }

    /**
     * Fills in the answer to the question of {@code response}: the records of the requested type,
     * following CNAME records within this store, or a negative answer with the SOA in the authority
     * section (RFC 2308 §3).
     *
     * @param stopAt names whose lookup the caller handles itself, so that a CNAME chain ends before
     *     them and the client asks for them in a query of its own
     */
    synchronized void answer(Message response, Predicate<Name> stopAt) {
        Record question = response.getQuestion();
        Name name = question.getName();
        int type = question.getType();
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            List<Record> found = find(name, type);
            if (!found.isEmpty()) {
                found.forEach(record -> response.addRecord(record, Section.ANSWER));
                return;
            }
            CNAMERecord alias = type == Type.CNAME ? null : alias(name);
            if (alias == null) {
                negative(response, name, exists(name) ? Rcode.NOERROR : Rcode.NXDOMAIN);
                return;
            }
            response.addRecord(alias, Section.ANSWER);
            name = alias.getTarget();
            if (stopAt.test(name)) {
                return;
            }
        }
    }

    /** Makes {@code response} a negative answer for {@code name} with response code {@code rcode}. */
    synchronized void negative(Message response, Name name, int rcode) {
        response.getHeader().setRcode(rcode);
        response.addRecord(soaFor(name), Section.AUTHORITY);
    }

    private List<Record> find(Name name, int type) {
        List<Record> atName = records.getOrDefault(name.canonicalize(), List.of());
        List<Record> found = new ArrayList<>();
        for (Record record : atName) {
            if (record.getType() == type || type == Type.ANY) {
                found.add(record);
            }
        }
        return found;
    }

    private @Nullable CNAMERecord alias(Name name) {
        for (Record record : records.getOrDefault(name.canonicalize(), List.of())) {
            if (record instanceof CNAMERecord cname) {
                return cname;
            }
        }
        return null;
    }

    /** Returns whether {@code name} has records or is an ancestor of a name that has (RFC 8020). */
    private boolean exists(Name name) {
        for (Name stored : records.keySet()) {
            if (stored.subdomain(name)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the SOA of the closest enclosing zone that a test added, or the root's. */
    private SOARecord soaFor(Name name) {
        for (Name zone = name; zone.labels() > 1; zone = new Name(zone, 1)) {
            List<Record> soa = find(zone, Type.SOA);
            if (!soa.isEmpty()) {
                return (SOARecord) soa.get(0);
            }
        }
        return rootSoa;
    }
}
