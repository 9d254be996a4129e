package io.github.directdelivery.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts {@code --dns} values: an IP address with an optional port, such as {@code 127.0.0.1},
 * {@code 127.0.0.1:10053} or {@code [::1]:53}. Port 53 when none is given. Host names are
 * rejected, because looking one up would need the DNS server being configured.
 */
final class DnsServerConverter implements ITypeConverter<InetSocketAddress> {

    private static final int DNS_PORT = 53;

    // An IPv6 literal in brackets, or an IPv4 literal in dotted-quad form; then an optional port.
    private static final Pattern HOST_PORT = Pattern.compile(
            "(?:(\\[[0-9A-Fa-f:.]+])|(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3}))(?::(\\d{1,5}))?");

    @Override
    public InetSocketAddress convert(String value) {
        Matcher matcher = HOST_PORT.matcher(value);
        if (!matcher.matches()) {
            throw invalid(value);
        }
        int port = matcher.group(6) == null ? DNS_PORT : Integer.parseInt(matcher.group(6));
        if (port < 1 || port > 65535) {
            throw new TypeConversionException("the port in '" + value + "' must be between 1 and 65535");
        }
        return new InetSocketAddress(address(matcher, value), port);
    }

    private static InetAddress address(Matcher matcher, String value) {
        try {
            String ipv6 = matcher.group(1);
            if (ipv6 != null) {
                // In brackets the JDK accepts only an IPv6 literal and never looks the text up.
                return InetAddress.getByName(ipv6);
            }
            byte[] octets = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(matcher.group(i + 2));
                if (octet > 255) {
                    throw invalid(value);
                }
                octets[i] = (byte) octet;
            }
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw invalid(value);
        }
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException(
                "'" + value + "' is not an IP address with an optional port, such as 127.0.0.1:53 or [::1]:53");
    }
}
