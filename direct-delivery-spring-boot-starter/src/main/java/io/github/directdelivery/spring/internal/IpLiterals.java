package io.github.directdelivery.spring.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses IP address literals from property values without any DNS lookup: a value that is not a
 * literal is rejected, never resolved as a host name.
 */
public final class IpLiterals {

    // Four decimal octets; each octet's range is checked after the match.
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    // Hexadecimal groups and colons, optionally ending in a dotted IPv4 part (RFC 4291 §2.2).
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private IpLiterals() {}

    /**
     * Parses an IPv4 or IPv6 address literal such as {@code 192.0.2.1} or {@code 2001:db8::1}.
     *
     * @throws IllegalArgumentException if {@code text} is not an address literal
     */
    public static InetAddress parseAddress(String text) {
        String literal = text.strip();
        if (IPV4.matcher(literal).matches()) {
            for (String octet : literal.split("\\.", -1)) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("an IPv4 address has octets from 0 to 255");
                }
            }
        } else if (!IPV6.matcher(literal).matches()) {
            throw new IllegalArgumentException(
                    "expected an IP address such as 192.0.2.1 or 2001:db8::1, not a host name");
        }
        try {
            // For a literal, getByName parses the text and sends no DNS query.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a valid IP address", e);
        }
    }

    /**
     * Parses an address with an optional port: {@code 192.0.2.1}, {@code 192.0.2.1:5353},
     * {@code 2001:db8::1} or {@code [2001:db8::1]:5353}.
     *
     * @param defaultPort the port when the text gives none
     * @throws IllegalArgumentException if the address is not a literal or the port is not 1 to 65535
     */
    public static InetSocketAddress parseSocketAddress(String text, int defaultPort) {
        String value = text.strip();
        String host = value;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("the IPv6 address has no closing ']'");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected ':' and a port after ']'");
                }
                port = rest.substring(1);
            }
        } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') >= 0) {
            // One colon: an IPv4 address with a port. Several colons: a bare IPv6 address.
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        }
        InetAddress address = parseAddress(host);
        return new InetSocketAddress(address, port == null ? defaultPort : parsePort(port));
    }

    private static int parsePort(String text) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port '" + text + "' is not a number", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be between 1 and 65535, not " + port);
        }
        return port;
    }
}
