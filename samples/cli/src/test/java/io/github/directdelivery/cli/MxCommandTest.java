package io.github.directdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.directdelivery.testkit.DnsFailure;
import io.github.directdelivery.testkit.DnsServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MxCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DnsServer dns;

    @BeforeEach
    void start() throws IOException {
        dns = DnsServer.start();
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void routeListsHostsByPreferenceWithTheirAddresses() {
        dns.mx("example.org", 20, "mx2.example.org").mx("example.org", 10, "mx1.example.org");
        dns.a("mx1.example.org", "127.0.0.2", "127.0.0.3").a("mx2.example.org", "127.0.0.4");

        Cli.Result result = mx("example.org", "--allow-local-destinations");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.outLines())
                .containsExactly(
                        "example.org: 2 MX hosts, tried in this order",
                        "  10 mx1.example.org 127.0.0.2, 127.0.0.3",
                        "  20 mx2.example.org 127.0.0.4");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void domainWithoutMxIsItsOwnHost() {
        dns.a("example.org", "127.0.0.2");

        Cli.Result result = mx("example.org", "--allow-local-destinations");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.outLines())
                .containsExactly(
                        "example.org: no MX record, so the domain itself is its mail host",
                        "  0 example.org 127.0.0.2");
    }

    @Test
    void nullMxExits69WithItsStatusCode() {
        dns.nullMx("example.org");

        Cli.Result result = mx("example.org");

        assertThat(result.exitCode()).isEqualTo(69);
        assertThat(result.outLines()).singleElement().asString().startsWith("example.org: FAILED 5.1.10 ");
    }

    @Test
    void missingDomainExits69() {
        dns.a("other.example.org", "127.0.0.2");

        Cli.Result result = mx("missing.example.org");

        assertThat(result.exitCode()).isEqualTo(69);
        assertThat(result.outLines()).singleElement().asString().startsWith("missing.example.org: FAILED 5.1.2 ");
    }

    @Test
    void serverFailureExits75() {
        dns.fail("example.org", "MX", DnsFailure.SERVFAIL);

        Cli.Result result = mx("example.org");

        assertThat(result.exitCode()).isEqualTo(75);
        assertThat(result.outLines()).singleElement().asString().startsWith("example.org: DEFERRED 4.4.3 ");
    }

    @Test
    void localAddressesAreSkippedUnlessAllowed() {
        dns.mx("example.org", 10, "mx.example.org").a("mx.example.org", "127.0.0.2");

        Cli.Result result = mx("example.org");

        assertThat(result.exitCode()).isEqualTo(69);
        assertThat(result.outLines()).hasSize(2);
        assertThat(result.outLines().get(0)).startsWith("example.org: FAILED 5.4.4 ");
        assertThat(result.outLines().get(1)).startsWith("  skipped: ").contains("127.0.0.2");
    }

    @Test
    void invalidDomainIsAUsageError() {
        Cli.Result result = mx("exa mple.org");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.errLines()).singleElement().asString().startsWith("direct-delivery mx: invalid domain");
    }

    @Test
    void jsonOfAResolvedRoute() throws IOException {
        dns.mx("example.org", 10, "mx.example.org").a("mx.example.org", "127.0.0.2", "127.0.0.3");

        Cli.Result result = mx("example.org", "--allow-local-destinations", "--json", "-");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.errLines()).first().asString().startsWith("example.org: 1 MX host");
        JsonNode route = JSON.readTree(result.out());
        assertThat(route.get("domain").asText()).isEqualTo("example.org");
        assertThat(route.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(route.get("enhancedCode").isNull()).isTrue();
        assertThat(route.get("reason").isNull()).isTrue();
        assertThat(route.get("implicitMx").asBoolean()).isFalse();
        assertThat(route.at("/hosts/0/name").asText()).isEqualTo("mx.example.org");
        assertThat(route.at("/hosts/0/preference").isInt()).isTrue();
        assertThat(route.at("/hosts/0/preference").asInt()).isEqualTo(10);
        assertThat(route.at("/hosts/0/addresses").toString()).isEqualTo("[\"127.0.0.2\",\"127.0.0.3\"]");
        assertThat(route.get("warnings").isArray()).isTrue();
        assertThat(route.get("warnings").size()).isZero();
    }

    @Test
    void jsonOfAFailedRoute() throws IOException {
        dns.nullMx("example.org");

        Cli.Result result = mx("example.org", "--json", "-");

        assertThat(result.exitCode()).isEqualTo(69);
        JsonNode route = JSON.readTree(result.out());
        assertThat(route.get("status").asText()).isEqualTo("FAILED");
        assertThat(route.get("enhancedCode").asText()).isEqualTo("5.1.10");
        assertThat(route.get("reason").isTextual()).isTrue();
        assertThat(route.get("hosts").size()).isZero();
    }

    private Cli.Result mx(String domain, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "mx";
        args[1] = domain;
        args[2] = "--dns";
        args[3] = dns.address().getAddress().getHostAddress() + ":"
                + dns.address().getPort();
        System.arraycopy(options, 0, args, 4, options.length);
        return Cli.run(args);
    }
}
