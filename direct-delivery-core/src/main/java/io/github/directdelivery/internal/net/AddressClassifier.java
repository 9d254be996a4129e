package io.github.directdelivery.internal.net;

import static io.github.directdelivery.internal.net.AddressRange.BENCHMARKING;
import static io.github.directdelivery.internal.net.AddressRange.BROADCAST;
import static io.github.directdelivery.internal.net.AddressRange.DOCUMENTATION;
import static io.github.directdelivery.internal.net.AddressRange.IETF_PROTOCOL_ASSIGNMENTS;
import static io.github.directdelivery.internal.net.AddressRange.LINK_LOCAL;
import static io.github.directdelivery.internal.net.AddressRange.LOCAL_USE_TRANSLATION;
import static io.github.directdelivery.internal.net.AddressRange.LOOPBACK;
import static io.github.directdelivery.internal.net.AddressRange.MULTICAST;
import static io.github.directdelivery.internal.net.AddressRange.PRIVATE;
import static io.github.directdelivery.internal.net.AddressRange.PUBLIC;
import static io.github.directdelivery.internal.net.AddressRange.RESERVED;
import static io.github.directdelivery.internal.net.AddressRange.SHARED_ADDRESS_SPACE;
import static io.github.directdelivery.internal.net.AddressRange.THIS_NETWORK;
import static io.github.directdelivery.internal.net.AddressRange.UNIQUE_LOCAL;
import static io.github.directdelivery.internal.net.AddressRange.UNSPECIFIED;

import java.net.InetAddress;
import java.util.List;

/**
 * Classifies IP addresses into the special-purpose ranges of {@link AddressRange}. Mail goes only
 * to public addresses by default, so that a hostile domain cannot direct the sender to a host on
 * the sender's own network, or to a cloud metadata service, by publishing such an address for its
 * MX host.
 *
 * <p>An IPv6 address that embeds an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96},
 * IPv4-compatible {@code ::/96}, the NAT64 well-known prefix {@code 64:ff9b::/96} of RFC 6052 and
 * 6to4 {@code 2002::/16} of RFC 3056) is classified by the IPv4 address it embeds.
 */
public final class AddressClassifier {

    private static final List<Ipv4Block> IPV4_BLOCKS = List.of(
            Ipv4Block.of("0.0.0.0", 8, THIS_NETWORK),
            Ipv4Block.of("10.0.0.0", 8, PRIVATE),
            Ipv4Block.of("100.64.0.0", 10, SHARED_ADDRESS_SPACE),
            Ipv4Block.of("127.0.0.0", 8, LOOPBACK),
            Ipv4Block.of("169.254.0.0", 16, LINK_LOCAL),
            Ipv4Block.of("172.16.0.0", 12, PRIVATE),
            Ipv4Block.of("192.0.0.0", 24, IETF_PROTOCOL_ASSIGNMENTS),
            Ipv4Block.of("192.0.2.0", 24, DOCUMENTATION),
            Ipv4Block.of("192.168.0.0", 16, PRIVATE),
            Ipv4Block.of("198.18.0.0", 15, BENCHMARKING),
            Ipv4Block.of("198.51.100.0", 24, DOCUMENTATION),
            Ipv4Block.of("203.0.113.0", 24, DOCUMENTATION),
            Ipv4Block.of("224.0.0.0", 4, MULTICAST),
            Ipv4Block.of("240.0.0.0", 4, RESERVED));

    private AddressClassifier() {}

    /** Returns the range that {@code address} belongs to. */
    public static AddressRange classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? classifyIpv4(readInt(bytes, 0)) : classifyIpv6(bytes);
    }

    /** Returns whether {@code address} is publicly routable; see {@link #classify(InetAddress)}. */
    public static boolean isPubliclyRoutable(InetAddress address) {
        return classify(address).isPubliclyRoutable();
    }

    private static AddressRange classifyIpv4(int address) {
        if (address == 0) {
            return UNSPECIFIED;
        }
        if (address == 0xFFFF_FFFF) {
            return BROADCAST;
        }
        for (Ipv4Block block : IPV4_BLOCKS) {
            if (block.contains(address)) {
                return block.range();
            }
        }
        return PUBLIC;
    }

    private static AddressRange classifyIpv6(byte[] bytes) {
        if (isZero(bytes, 0, 15) && bytes[15] == 0) {
            return UNSPECIFIED;
        }
        if (isZero(bytes, 0, 15) && bytes[15] == 1) {
            return LOOPBACK;
        }
        if (isZero(bytes, 0, 12)) {
            return classifyIpv4(readInt(bytes, 12)); // IPv4-compatible, RFC 4291 §2.5.5.1
        }
        if (isZero(bytes, 0, 10) && bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF) {
            return classifyIpv4(readInt(bytes, 12)); // IPv4-mapped, RFC 4291 §2.5.5.2
        }
        if (readShort(bytes, 0) == 0x0064 && readShort(bytes, 2) == 0xFF9B) {
            return classifyNat64(bytes);
        }
        int first = bytes[0] & 0xFF;
        if ((first & 0xFE) == 0xFC) {
            return UNIQUE_LOCAL;
        }
        if (first == 0xFE && (bytes[1] & 0xC0) == 0x80) {
            return LINK_LOCAL;
        }
        if (first == 0xFF) {
            return MULTICAST;
        }
        if ((first & 0xE0) != 0x20) {
            return RESERVED; // outside 2000::/3, the only global unicast space IANA has allocated
        }
        return classifyGlobalUnicast(bytes);
    }

    private static AddressRange classifyNat64(byte[] bytes) {
        if (isZero(bytes, 4, 12)) {
            return classifyIpv4(readInt(bytes, 12)); // the well-known prefix 64:ff9b::/96, RFC 6052
        }
        if (readShort(bytes, 4) == 0x0001) {
            return LOCAL_USE_TRANSLATION;
        }
        return RESERVED;
    }

    private static AddressRange classifyGlobalUnicast(byte[] bytes) {
        int first16 = readShort(bytes, 0);
        int second16 = readShort(bytes, 2);
        if (first16 == 0x2001 && second16 == 0x0DB8) {
            return DOCUMENTATION;
        }
        if (first16 == 0x3FFF && (bytes[2] & 0xF0) == 0) {
            return DOCUMENTATION; // 3fff::/20, RFC 9637
        }
        if (first16 == 0x2001 && second16 == 0x0002 && readShort(bytes, 4) == 0) {
            return BENCHMARKING;
        }
        if (first16 == 0x2002) {
            return classifyIpv4(readInt(bytes, 2)); // 6to4, RFC 3056 §2
        }
        return PUBLIC;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int readShort(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 8 | (bytes[offset + 1] & 0xFF);
    }

    private static int readInt(byte[] bytes, int offset) {
        return readShort(bytes, offset) << 16 | readShort(bytes, offset + 2);
    }

    /** An IPv4 network in CIDR notation and the range it belongs to. */
    private record Ipv4Block(int network, int mask, AddressRange range) {

        static Ipv4Block of(String dottedQuad, int prefixLength, AddressRange range) {
            String[] octets = dottedQuad.split("\\.", -1);
            int network = 0;
            for (String octet : octets) {
                network = network << 8 | Integer.parseInt(octet);
            }
            return new Ipv4Block(network, -1 << (32 - prefixLength), range);
        }

        boolean contains(int address) {
            return (address & mask) == network;
        }
    }
}
