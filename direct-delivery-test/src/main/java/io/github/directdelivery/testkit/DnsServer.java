package io.github.directdelivery.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server on loopback for tests: it answers from the records that the test
 * adds, fails where the test sets a failure, and records every query it receives. Point the code
 * under test at {@link #address()} instead of a real resolver, and a test can check MX routing,
 * null MX, missing domains and DNS outages without any network access.
 *
 * <pre>{@code
 * try (DnsServer dns = DnsServer.start()) {
 *     dns.mx("example.com", 10, "mx1.example.com")
 *        .a("mx1.example.com", "192.0.2.25");
 *     dns.fail("broken.example", "MX", DnsFailure.SERVFAIL);
 *
 *     MxResolver resolver = MxResolver.builder()
 *             .dnsServer(dns.address())
 *             .allowLocalDestinations(true) // 192.0.2.25 is a documentation address
 *             .build();
 *     ...
 *     assertThat(dns.queries()).contains(DnsQuery.udp("example.com", "MX"));
 * }
 * }</pre>
 *
 * <p>How it answers, as a real authoritative server does:
 *
 * <ul>
 *   <li>A name with records of the requested type: those records, with the AA bit set.
 *   <li>A name with a CNAME record: the CNAME, followed by the target's records when the server
 *       has them.
 *   <li>A name that exists without records of the requested type: NOERROR with an empty answer
 *       (NODATA). A name exists when it has records or a name below it has (RFC 8020).
 *   <li>Any other name: NXDOMAIN.
 * </ul>
 *
 * <p>Negative answers carry an SOA record in the authority section (RFC 2308 §3), so resolvers
 * cache them: the SOA of the closest enclosing zone added with {@link #add(Record)}, or else a
 * root SOA whose TTL and minimum are {@link #NEGATIVE_TTL} (5 minutes). Records added by the
 * shorthand methods have a TTL of {@link #TTL} (5 minutes).
 *
 * <p>UDP answers longer than 512 octets are truncated with the TC bit set, as by a server without
 * EDNS (RFC 1035 §4.2.1), so that the client asks again over TCP on the same port.
 *
 * <p>The server binds to 127.0.0.1 only, on a free port. All methods are thread-safe, and records
 * and failures may be changed while it runs. Close it to free the port and stop its threads.
 */
public final class DnsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);

    /** The TTL of the records that the shorthand methods add: 5 minutes. */
    public static final Duration TTL = Duration.ofMinutes(5);

    /** How long resolvers may cache a negative answer, the SOA minimum: 5 minutes. */
    public static final Duration NEGATIVE_TTL = Duration.ofMinutes(5);

    private static final long TTL_SECONDS = TTL.toSeconds();

    /** The largest UDP answer, in octets, for a server without EDNS (RFC 1035 §4.2.1). */
    private static final int MAX_UDP_SIZE = 512;

    // A failure key with this type applies to every type of the name.
    private static final int EVERY_TYPE = -1;

    private final RecordStore records = new RecordStore(NEGATIVE_TTL.toSeconds());
    private final Map<FailureKey, DnsFailure> failures = new ConcurrentHashMap<>();
    private final List<DnsQuery> queries = new CopyOnWriteArrayList<>();
    private final DnsListener listener;

    private DnsServer() throws IOException {
        this.listener = DnsListener.start(this::handle);
    }

    /**
     * Starts a server with no records on a free port of 127.0.0.1, serving UDP and TCP.
     *
     * @throws IOException if no port could be bound
     */
    public static DnsServer start() throws IOException {
        return new DnsServer();
    }

    /** Returns the address to send queries to: 127.0.0.1 and the port, the same for UDP and TCP. */
    public InetSocketAddress address() {
        return listener.address();
    }

    /**
     * Adds an MX record: mail for {@code domain} goes to {@code host} with {@code preference}.
     * The host may be any text that is a DNS name, such as {@code "192.0.2.1"} or {@code "."},
     * to test how the client treats bad MX targets.
     *
     * @throws IllegalArgumentException if a name is not a valid DNS name or the preference is
     *     outside 0 to 65535
     */
    public DnsServer mx(String domain, int preference, String host) {
        if (preference < 0 || preference > 0xFFFF) {
            throw new IllegalArgumentException("MX preference must be between 0 and 65535, not " + preference);
        }
        return add(new MXRecord(name(domain), DClass.IN, TTL_SECONDS, preference, name(host)));
    }

    /**
     * Adds a null MX record ({@code MX 0 .}, RFC 7505): {@code domain} accepts no mail.
     *
     * @throws IllegalArgumentException if {@code domain} is not a valid DNS name
     */
    public DnsServer nullMx(String domain) {
        return add(new MXRecord(name(domain), DClass.IN, TTL_SECONDS, 0, Name.root));
    }

    /**
     * Adds an A record for each IPv4 address.
     *
     * @param addresses IPv4 address literals such as {@code "192.0.2.25"}; no name is looked up
     * @throws IllegalArgumentException if {@code name} is invalid or an address is not an IPv4 literal
     */
    public DnsServer a(String name, String... addresses) {
        Name owner = name(name);
        for (String address : addresses) {
            add(new ARecord(owner, DClass.IN, TTL_SECONDS, parseAddress(address, Address.IPv4)));
        }
        return this;
    }

    /**
     * Adds an AAAA record for each IPv6 address.
     *
     * @param addresses IPv6 address literals such as {@code "2001:db8::25"} or
     *     {@code "::ffff:192.0.2.25"}; no name is looked up
     * @throws IllegalArgumentException if {@code name} is invalid or an address is not an IPv6 literal
     */
    public DnsServer aaaa(String name, String... addresses) {
        Name owner = name(name);
        for (String address : addresses) {
            add(new AAAARecord(owner, DClass.IN, TTL_SECONDS, parseAddress(address, Address.IPv6)));
        }
        return this;
    }

    /**
     * Adds a CNAME record: {@code name} is an alias of {@code target}.
     *
     * @throws IllegalArgumentException if a name is not a valid DNS name
     */
    public DnsServer cname(String name, String target) {
        return add(new CNAMERecord(name(name), DClass.IN, TTL_SECONDS, name(target)));
    }

    /**
     * Adds any record, with its own TTL. An SOA record makes its owner a zone: negative answers for
     * names in it carry that SOA.
     */
    public DnsServer add(Record record) {
        records.add(Objects.requireNonNull(record, "record"));
        return this;
    }

    /**
     * Makes queries for {@code name} and {@code type} fail, replacing an earlier failure for them.
     * Queries that only reach {@code name} through a CNAME record get the CNAME and then fail
     * when the client asks for the target.
     *
     * @param type a record type mnemonic such as {@code "MX"}, {@code "A"} or {@code "AAAA"}
     * @throws IllegalArgumentException if {@code name} or {@code type} is invalid
     */
    public DnsServer fail(String name, String type, DnsFailure failure) {
        int typeCode = Type.value(Objects.requireNonNull(type, "type"));
        if (typeCode < 0) {
            throw new IllegalArgumentException("Unknown DNS record type \"" + type + "\"");
        }
        failures.put(new FailureKey(name(name), typeCode), Objects.requireNonNull(failure, "failure"));
        return this;
    }

    /**
     * Makes queries of every type for {@code name} fail; a failure set for one type takes precedence.
     *
     * @throws IllegalArgumentException if {@code name} is invalid
     */
    public DnsServer fail(String name, DnsFailure failure) {
        failures.put(new FailureKey(name(name), EVERY_TYPE), Objects.requireNonNull(failure, "failure"));
        return this;
    }

    /** Removes every failure, so that all queries are answered from the records again. */
    public DnsServer clearFailures() {
        failures.clear();
        return this;
    }

    /** Returns the queries received so far, oldest first, including those that failed or got no answer. */
    public List<DnsQuery> queries() {
        return List.copyOf(queries);
    }

    /** Forgets the queries received so far. */
    public void clearQueries() {
        queries.clear();
    }

    /** Stops the server and frees its port. Calling it again has no effect. */
    @Override
    public void close() {
        listener.close();
    }

    @Override
    public String toString() {
        return "DnsServer[" + address() + "]";
    }

    private byte @Nullable [] handle(byte[] wire, DnsTransport transport) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            // Not a DNS message, so there is no ID to answer to.
            LOG.debug("DNS server on {} ignored a {} message that is not DNS: {}", address(), transport, e.toString());
            return null;
        }
        Record question = query.getQuestion();
        Message response = newResponse(query);
        if (question == null || query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(question == null ? Rcode.FORMERR : Rcode.NOTIMP);
            return response.toWire();
        }

        queries.add(new DnsQuery(displayName(question.getName()), Type.string(question.getType()), transport));
        DnsFailure failure = failureFor(question.getName(), question.getType());
        if (failure == DnsFailure.DROP) {
            return null;
        }
        if (failure == DnsFailure.TRUNCATE && transport == DnsTransport.UDP) {
            response.getHeader().setFlag(Flags.TC);
            return response.toWire();
        }
        if (failure == DnsFailure.SERVFAIL || failure == DnsFailure.REFUSED) {
            response.getHeader().setRcode(failure == DnsFailure.SERVFAIL ? Rcode.SERVFAIL : Rcode.REFUSED);
            return response.toWire();
        }

        if (failure == DnsFailure.NXDOMAIN) {
            records.negative(response, question.getName(), Rcode.NXDOMAIN);
        } else {
            records.answer(response, this::hasFailure);
        }
        // Message.toWire(int) drops what does not fit and sets the TC bit.
        return transport == DnsTransport.UDP ? response.toWire(MAX_UDP_SIZE) : response.toWire();
    }

    private static Message newResponse(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setOpcode(query.getHeader().getOpcode());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (question != null) {
            response.addRecord(question, Section.QUESTION);
        }
        return response;
    }

    private @Nullable DnsFailure failureFor(Name name, int type) {
        DnsFailure failure = failures.get(new FailureKey(name.canonicalize(), type));
        return failure != null ? failure : failures.get(new FailureKey(name.canonicalize(), EVERY_TYPE));
    }

    private boolean hasFailure(Name name) {
        Name canonical = name.canonicalize();
        return failures.keySet().stream().anyMatch(key -> key.name().equals(canonical));
    }

    private static String displayName(Name name) {
        return name.equals(Name.root) ? "." : name.canonicalize().toString(true);
    }

    /**
     * Parses a DNS name as the record methods do.
     *
     * @throws IllegalArgumentException if {@code text} is not a valid DNS name
     */
    static Name name(String text) {
        Objects.requireNonNull(text, "name");
        try {
            return Name.fromString(text, Name.root).canonicalize();
        } catch (TextParseException e) {
            throw new IllegalArgumentException("Invalid DNS name \"" + text + "\": " + e.getMessage(), e);
        }
    }

    /** Parses an address literal to its bytes, keeping an IPv4-mapped IPv6 address in its 16-byte form. */
    private static byte[] parseAddress(String text, int family) {
        Objects.requireNonNull(text, "address");
        byte[] bytes = Address.toByteArray(text, family);
        if (bytes == null) {
            String expected = family == Address.IPv4 ? "an IPv4" : "an IPv6";
            throw new IllegalArgumentException("\"" + text + "\" is not " + expected + " address literal");
        }
        return bytes;
    }

    /** The name and type (or {@link #EVERY_TYPE}) that a failure applies to. */
    private record FailureKey(Name name, int type) {}
}
