package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTypesTest {

    private static final InetAddress ADDRESS = address();

    @Test
    void mxHostCopiesItsAddresses() {
        List<InetAddress> addresses = new ArrayList<>(List.of(ADDRESS));
        MxHost host = new MxHost("mx.example.com", 10, addresses);

        addresses.clear();

        assertThat(host.addresses()).containsExactly(ADDRESS);
        assertThatThrownBy(() -> host.addresses().add(ADDRESS)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mxHostRejectsInvalidComponents() {
        assertThatThrownBy(() -> new MxHost("mx.example.com.", 10, List.of(ADDRESS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mx.example.com.");
        assertThatThrownBy(() -> new MxHost("", 10, List.of(ADDRESS))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MxHost("mx.example.com", 65536, List.of(ADDRESS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
        assertThatThrownBy(() -> new MxHost("mx.example.com", -1, List.of(ADDRESS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new MxHost("mx.example.com", 10, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one address");
    }

    @Test
    void resolvedRouteNeedsHosts() {
        assertThatThrownBy(() -> new ResolvedRoute("example.com", List.of(), false, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.com");
        assertThatThrownBy(() -> new ResolvedRoute("", List.of(host()), false, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolvedRouteCopiesItsLists() {
        List<MxHost> hosts = new ArrayList<>(List.of(host()));
        List<String> warnings = new ArrayList<>(List.of("skipped"));
        ResolvedRoute route = new ResolvedRoute("example.com", hosts, false, warnings);

        hosts.clear();
        warnings.clear();

        assertThat(route.hosts()).hasSize(1);
        assertThat(route.warnings()).containsExactly("skipped");
    }

    @Test
    void unresolvedRouteMatchesStatusAndCode() {
        assertThatThrownBy(() -> new UnresolvedRoute(
                        "example.com", DeliveryStatus.DELIVERED, EnhancedStatusCode.OK, "delivered", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DELIVERED");
        assertThatThrownBy(() -> new UnresolvedRoute(
                        "example.com",
                        DeliveryStatus.FAILED,
                        EnhancedStatusCode.DIRECTORY_SERVER_FAILURE,
                        "x",
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 5")
                .hasMessageContaining("4.4.3");
        assertThatThrownBy(() -> new UnresolvedRoute(
                        "example.com", DeliveryStatus.DEFERRED, EnhancedStatusCode.NULL_MX, "x", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 4");
        assertThatThrownBy(() -> new UnresolvedRoute(
                        "example.com", DeliveryStatus.FAILED, EnhancedStatusCode.NULL_MX, "", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
    }

    private static MxHost host() {
        return new MxHost("mx.example.com", 10, List.of(ADDRESS));
    }

    private static InetAddress address() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 25});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
