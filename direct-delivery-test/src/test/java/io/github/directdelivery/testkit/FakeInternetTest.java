package io.github.directdelivery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class FakeInternetTest {

    private FakeInternet internet;

    @BeforeEach
    void startInternet() throws IOException {
        internet = FakeInternet.start();
    }

    @AfterEach
    void stopInternet() {
        internet.close();
    }

    @Test
    void hostsShareOnePortOnTheirOwnAddresses() throws IOException {
        ScriptedSmtpServer first = internet.mx("example.org", "mx.example.org");
        ScriptedSmtpServer second = internet.mx("example.net", "mx.example.net");

        assertThat(first.address().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(second.address().getAddress().getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(first.port()).isPositive().isEqualTo(second.port());
        assertThat(internet.smtpPort()).isEqualTo(first.port());
        assertThat(internet.dnsServer()).isEqualTo(internet.dns().address());
        assertThat(internet.hosts()).containsExactly(first, second);
    }

    @Test
    void mxPublishesMxAndAddressRecords() throws IOException {
        ScriptedSmtpServer server = internet.mx("example.org", "mx.example.org");

        assertThat(mxRecords("example.org")).containsExactly("10 mx.example.org.");
        assertThat(addresses("mx.example.org")).containsExactly(hostAddress(server));
    }

    @Test
    void domainCanHaveSeveralMxHosts() throws IOException {
        ScriptedSmtpServer primary = internet.mx("example.org", 5, "mx1.example.org", UnaryOperator.identity());
        ScriptedSmtpServer backup = internet.mx("example.org", 20, "mx2.example.org", UnaryOperator.identity());

        assertThat(mxRecords("example.org")).containsExactlyInAnyOrder("5 mx1.example.org.", "20 mx2.example.org.");
        assertThat(addresses("mx1.example.org")).containsExactly(hostAddress(primary));
        assertThat(addresses("mx2.example.org")).containsExactly(hostAddress(backup));
    }

    @Test
    void hostPublishesAddressButNoMx() throws IOException {
        ScriptedSmtpServer server = internet.host("smtp.example.org");

        assertThat(addresses("smtp.example.org")).containsExactly(hostAddress(server));
        assertThat(mxRecords("smtp.example.org")).isEmpty();
    }

    @Test
    void scriptedHostAnswersWithItsScriptAndName() throws IOException {
        ScriptedSmtpServer scripted =
                internet.mx("example.org", "mx.example.org", server -> server.on("EHLO", "550 5.7.1 go away"));
        ScriptedSmtpServer plain = internet.mx("example.net", "mx.example.net");

        assertThat(exchange(scripted, "EHLO client.test"))
                .containsExactly("220 mx.example.org ESMTP scripted", "550 5.7.1 go away");
        assertThat(exchange(plain, "NOOP")).first().isEqualTo("220 mx.example.net ESMTP scripted");
    }

    @Test
    void scriptCannotMoveHostOffItsAddress() throws IOException {
        ScriptedSmtpServer server = internet.mx(
                "example.org", "mx.example.org", builder -> builder.bindAddress(InetAddress.getLoopbackAddress())
                        .port(0));

        assertThat(hostAddress(server)).isEqualTo("127.0.0.2");
        assertThat(server.port()).isEqualTo(internet.smtpPort());
    }

    @Test
    void unreachableHostRefusesConnections() throws IOException {
        internet.mx("example.net", "mx.example.net");
        InetAddress dead = internet.unreachableHost("mx.example.org");

        assertThat(dead.getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(addresses("mx.example.org")).containsExactly("127.0.0.3");
        assertThatThrownBy(() -> new Socket(dead, internet.smtpPort()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void unreachableMxPublishesMxAndAddress() throws IOException {
        InetAddress dead = internet.unreachableMx("example.org", "mx.example.org");

        assertThat(mxRecords("example.org")).containsExactly("10 mx.example.org.");
        assertThat(addresses("mx.example.org")).containsExactly(dead.getHostAddress());
        assertThatThrownBy(() -> new Socket(dead, internet.smtpPort()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void externalHostAddressIsFreeForCallersServer() throws IOException {
        InetSocketAddress external = internet.externalHost("mail.example.org");
        ScriptedSmtpServer scripted = internet.host("mx.example.org");

        assertThat(external.getPort()).isEqualTo(internet.smtpPort()).isEqualTo(scripted.port());
        assertThat(addresses("mail.example.org"))
                .containsExactly(external.getAddress().getHostAddress());
        try (ServerSocket own = new ServerSocket()) {
            own.bind(external);
            assertThat(own.getLocalSocketAddress()).isEqualTo(external);
        }
    }

    @Test
    void earlySmtpPortIsUsedByLaterHosts() throws IOException {
        int port = internet.smtpPort();

        ScriptedSmtpServer server = internet.mx("example.org", "mx.example.org");

        assertThat(server.port()).isEqualTo(port);
    }

    @Test
    void addressWhosePortIsTakenIsSkipped() throws IOException {
        ScriptedSmtpServer first = internet.host("mx1.example.org");
        try (ServerSocket blocker = new ServerSocket();
                ServerSocket secondBlocker = new ServerSocket()) {
            blocker.bind(new InetSocketAddress(LoopbackAddresses.of(3), first.port()));
            secondBlocker.bind(new InetSocketAddress(LoopbackAddresses.of(5), first.port()));

            ScriptedSmtpServer second = internet.host("mx2.example.org");
            InetAddress unreachable = internet.unreachableHost("mx3.example.org");

            assertThat(hostAddress(second)).isEqualTo("127.0.0.4");
            assertThat(unreachable.getHostAddress()).isEqualTo("127.0.0.6");
            assertThat(addresses("mx2.example.org")).containsExactly("127.0.0.4");
        }
    }

    @Test
    void addressesRunOutAfter127_0_0_254() throws IOException {
        for (int host = 2; host <= 254; host++) {
            internet.unreachableHost("host" + host + ".example.org");
        }

        assertThatThrownBy(() -> internet.host("one-too-many.example.org"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("127.0.0.254");
    }

    @Test
    void unbindableAddressIsNamedInError() throws IOException {
        // 192.0.2.1 is a documentation address (RFC 5737) that no interface of a test machine has;
        // binding it fails locally and sends nothing.
        InetAddress foreign = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});

        assertThatThrownBy(() -> LoopbackAddresses.checkBindable(foreign, new BindException("in use")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("192.0.2.1")
                .hasMessageContaining("loopback interface");
    }

    @Test
    void restartKeepsAddressPortAndName() throws IOException {
        ScriptedSmtpServer greylisting =
                internet.mx("example.org", "mx.example.org", server -> server.on("NOOP", "451 4.7.1 later"));

        ScriptedSmtpServer accepting = internet.restart(greylisting, UnaryOperator.identity());

        assertThat(accepting.address()).isEqualTo(greylisting.address());
        assertThat(exchange(accepting, "NOOP")).containsExactly("220 mx.example.org ESMTP scripted", "250 2.0.0 ok");
        assertThat(internet.hosts()).containsExactly(accepting);
        assertThatThrownBy(() -> internet.restart(greylisting, UnaryOperator.identity()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a running host");
    }

    @Test
    void invalidNamesAreRejectedBeforeAnyHostStarts() {
        assertThatThrownBy(() -> internet.mx("example..org", "mx.example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example..org");
        assertThatThrownBy(() -> internet.host("mx..example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mx..example.org");
        assertThatThrownBy(() -> internet.mx("example.org", 70_000, "mx.example.org", UnaryOperator.identity()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");

        assertThat(internet.hosts()).isEmpty();
    }

    @Test
    void closeStopsHostsAndDnsServer() throws IOException {
        ScriptedSmtpServer server = internet.mx("example.org", "mx.example.org");
        InetSocketAddress smtp = server.address();

        internet.close();
        internet.close();

        assertThatThrownBy(() -> new Socket(smtp.getAddress(), smtp.getPort()).close())
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> internet.host("mx2.example.org"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(internet.hosts()).isEmpty();
    }

    private List<String> mxRecords(String domain) throws IOException {
        return answer(domain, Type.MX).stream()
                .map(record -> {
                    MXRecord mx = (MXRecord) record;
                    return mx.getPriority() + " " + mx.getTarget();
                })
                .toList();
    }

    private List<String> addresses(String name) throws IOException {
        return answer(name, Type.A).stream()
                .map(record -> ((ARecord) record).getAddress().getHostAddress())
                .toList();
    }

    private List<Record> answer(String name, int type) throws IOException {
        SimpleResolver resolver = new SimpleResolver(internet.dnsServer());
        resolver.setTimeout(Duration.ofSeconds(5));
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        return resolver.send(query).getSection(Section.ANSWER);
    }

    private static String hostAddress(ScriptedSmtpServer server) {
        return server.address().getAddress().getHostAddress();
    }

    /** Connects to {@code server}, sends one command, and returns the greeting and the reply. */
    private static List<String> exchange(ScriptedSmtpServer server, String command) throws IOException {
        try (Socket socket = new Socket(server.address().getAddress(), server.port())) {
            socket.setSoTimeout(5000);
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = reader.readLine();
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return List.of(greeting, reader.readLine());
        }
    }
}
