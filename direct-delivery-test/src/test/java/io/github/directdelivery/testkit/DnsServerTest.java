package io.github.directdelivery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class DnsServerTest {

    private DnsServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = DnsServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void bindsToLoopbackOnly() {
        assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(server.address().getPort()).isPositive();
    }

    @Test
    void answersAddedRecordsAuthoritatively() throws IOException {
        server.a("mx1.example.com", "192.0.2.25", "192.0.2.26");

        Message response = query("mx1.example.com", Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getSection(Section.ANSWER))
                .map(record -> ((ARecord) record).getAddress().getHostAddress())
                .containsExactly("192.0.2.25", "192.0.2.26");
        assertThat(server.queries()).containsExactly(DnsQuery.udp("mx1.example.com", "A"));
    }

    @Test
    void namesAreCaseInsensitive() throws IOException {
        server.mx("Example.COM.", 10, "MX1.example.com");

        Message response = query("EXAMPLE.com", Type.MX);

        assertThat(response.getSection(Section.ANSWER)).hasSize(1);
        assertThat(server.queries()).containsExactly(DnsQuery.udp("example.com", "MX"));
    }

    @Test
    void missingTypeIsNodataWithSoa() throws IOException {
        server.mx("example.com", 10, "mx1.example.com");

        Message response = query("example.com", Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(soaMinimum(response)).isEqualTo(DnsServer.NEGATIVE_TTL.toSeconds());
    }

    @Test
    void unknownNameIsNxdomainWithSoa() throws IOException {
        server.mx("example.com", 10, "mx1.example.com");

        Message response = query("nosuch.example.com", Type.MX);

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(soaMinimum(response)).isEqualTo(DnsServer.NEGATIVE_TTL.toSeconds());
    }

    @Test
    void nameWithRecordsBelowItExists() throws IOException {
        server.a("mx1.mail.example.com", "192.0.2.25");

        Message response = query("mail.example.com", Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void addedZoneSoaIsUsedInNegativeAnswers() throws IOException {
        Name zone = Name.fromConstantString("example.com.");
        server.add(new SOARecord(
                zone,
                DClass.IN,
                60,
                Name.fromConstantString("ns.example.com."),
                Name.fromConstantString("admin.example.com."),
                7,
                3600,
                600,
                86400,
                42));

        Message response = query("nosuch.example.com", Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        SOARecord soa = (SOARecord) response.getSection(Section.AUTHORITY).get(0);
        assertThat(soa.getName()).isEqualTo(zone);
        assertThat(soa.getMinimum()).isEqualTo(42);
    }

    @Test
    void cnameIsFollowedToRecordsOnTheServer() throws IOException {
        server.cname("mail.example.com", "host.example.net").a("host.example.net", "192.0.2.30");

        Message response = query("mail.example.com", Type.A);

        List<Record> answer = response.getSection(Section.ANSWER);
        assertThat(answer).hasSize(2);
        assertThat(((CNAMERecord) answer.get(0)).getTarget()).isEqualTo(Name.fromConstantString("host.example.net."));
        assertThat(((ARecord) answer.get(1)).getAddress().getHostAddress()).isEqualTo("192.0.2.30");
    }

    @Test
    void cnameChainStopsBeforeFailingTarget() throws IOException {
        server.cname("mail.example.com", "host.example.net")
                .a("host.example.net", "192.0.2.30")
                .fail("host.example.net", "A", DnsFailure.SERVFAIL);

        Message alias = query("mail.example.com", Type.A);
        Message target = query("host.example.net", Type.A);

        assertThat(alias.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(alias.getSection(Section.ANSWER)).singleElement().isInstanceOf(CNAMERecord.class);
        assertThat(target.getRcode()).isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void nullMxHasTheRootAsTarget() throws IOException {
        server.nullMx("example.org");

        Message response = query("example.org", Type.MX);

        MXRecord mx = (MXRecord) response.getSection(Section.ANSWER).get(0);
        assertThat(mx.getPriority()).isZero();
        assertThat(mx.getTarget()).isEqualTo(Name.root);
    }

    @Test
    void mappedIpv6AddressKeepsItsSixteenBytes() throws IOException {
        server.aaaa("mx.example.com", "::ffff:10.0.0.1");

        Message response = query("mx.example.com", Type.AAAA);

        assertThat(response.getSection(Section.ANSWER).get(0).rdataToWireCanonical())
                .hasSize(16);
    }

    @Test
    void scriptedFailuresApplyToTheirType() throws IOException {
        server.mx("example.com", 10, "mx1.example.com")
                .a("example.com", "192.0.2.25")
                .fail("example.com", "MX", DnsFailure.SERVFAIL)
                .fail("refused.example", DnsFailure.REFUSED)
                .fail("example.com", "TXT", DnsFailure.NXDOMAIN);

        assertThat(query("example.com", Type.MX).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(query("example.com", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(query("refused.example", Type.AAAA).getRcode()).isEqualTo(Rcode.REFUSED);
        Message nxdomain = query("example.com", Type.TXT);
        assertThat(nxdomain.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nxdomain.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }

    @Test
    void clearedFailuresAnswerFromRecordsAgain() throws IOException {
        server.mx("example.com", 10, "mx1.example.com").fail("example.com", DnsFailure.SERVFAIL);
        server.clearFailures();

        assertThat(query("example.com", Type.MX).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void droppedQueryGetsNoAnswer() {
        server.mx("example.com", 10, "mx1.example.com").fail("example.com", "MX", DnsFailure.DROP);
        SimpleResolver resolver = resolver();
        resolver.setTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> resolver.send(newQuery("example.com", Type.MX)))
                .isInstanceOf(IOException.class);
        assertThat(server.queries()).containsExactly(DnsQuery.udp("example.com", "MX"));
    }

    @Test
    void truncatedUdpAnswerIsCompleteOverTcp() throws IOException {
        server.mx("example.com", 10, "mx1.example.com").fail("example.com", "MX", DnsFailure.TRUNCATE);
        SimpleResolver udpOnly = resolver();
        udpOnly.setIgnoreTruncation(true);

        Message truncated = udpOnly.send(newQuery("example.com", Type.MX));
        Message retried = resolver().send(newQuery("example.com", Type.MX));

        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getSection(Section.ANSWER)).isEmpty();
        assertThat(retried.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(retried.getSection(Section.ANSWER)).hasSize(1);
        assertThat(server.queries())
                .containsExactly(
                        DnsQuery.udp("example.com", "MX"),
                        DnsQuery.udp("example.com", "MX"),
                        DnsQuery.tcp("example.com", "MX"));
    }

    @Test
    void answerOver512OctetsIsTruncatedOverUdp() throws IOException {
        for (int i = 1; i <= 40; i++) {
            server.a("big.example.com", "192.0.2." + i);
        }
        SimpleResolver udpOnly = resolver();
        udpOnly.setIgnoreTruncation(true);

        Message truncated = udpOnly.send(newQuery("big.example.com", Type.A));
        Message complete = resolver().send(newQuery("big.example.com", Type.A));

        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(complete.getSection(Section.ANSWER)).hasSize(40);
        assertThat(server.queries()).last().isEqualTo(DnsQuery.tcp("big.example.com", "A"));
    }

    @Test
    void tcpConnectionCarriesQueries() throws IOException {
        server.a("mx1.example.com", "192.0.2.25");
        SimpleResolver tcp = resolver();
        tcp.setTCP(true);

        Message first = tcp.send(newQuery("mx1.example.com", Type.A));
        Message second = tcp.send(newQuery("mx1.example.com", Type.A));

        assertThat(first.getSection(Section.ANSWER)).hasSize(1);
        assertThat(second.getSection(Section.ANSWER)).hasSize(1);
        assertThat(server.queries())
                .containsExactly(DnsQuery.tcp("mx1.example.com", "A"), DnsQuery.tcp("mx1.example.com", "A"));
    }

    @Test
    void malformedDatagramIsIgnored() throws IOException {
        server.a("mx1.example.com", "192.0.2.25");
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            byte[] garbage = {1, 2, 3};
            socket.send(new DatagramPacket(garbage, garbage.length, server.address()));
        }

        assertThat(query("mx1.example.com", Type.A).getSection(Section.ANSWER)).hasSize(1);
        assertThat(server.queries()).containsExactly(DnsQuery.udp("mx1.example.com", "A"));
    }

    @Test
    void clearQueriesForgetsEarlierQueries() throws IOException {
        query("example.com", Type.MX);
        server.clearQueries();
        query("example.net", Type.MX);

        assertThat(server.queries()).containsExactly(DnsQuery.udp("example.net", "MX"));
    }

    @Test
    void closeFreesThePort() throws IOException {
        InetSocketAddress address = server.address();
        server.close();
        server.close();

        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(ConnectException.class);
        try (DatagramSocket rebound = new DatagramSocket(address)) {
            assertThat(rebound.getLocalPort()).isEqualTo(address.getPort());
        }
    }

    @Test
    void invalidArgumentsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> server.a("mx.example.com", "mx1.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"mx1.example.com\" is not an IPv4 address literal");
        assertThatThrownBy(() -> server.aaaa("mx.example.com", "192.0.2.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"192.0.2.1\" is not an IPv6 address literal");
        assertThatThrownBy(() -> server.mx("example.com", 65536, "mx.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
        assertThatThrownBy(() -> server.fail("example.com", "NOSUCHTYPE", DnsFailure.SERVFAIL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NOSUCHTYPE");
        assertThatThrownBy(() -> server.cname("a..example.com", "example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a..example.com");
    }

    private Message query(String name, int type) throws IOException {
        return resolver().send(newQuery(name, type));
    }

    private SimpleResolver resolver() {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    private static Message newQuery(String name, int type) throws IOException {
        return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
    }

    private static long soaMinimum(Message response) {
        List<Record> authority = response.getSection(Section.AUTHORITY);
        assertThat(authority).singleElement().isInstanceOf(SOARecord.class);
        return ((SOARecord) authority.get(0)).getMinimum();
    }
}
