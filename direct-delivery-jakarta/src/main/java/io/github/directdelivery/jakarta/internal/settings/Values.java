package io.github.directdelivery.jakarta.internal.settings;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parsers for property values. Each returns the typed value or throws an
 * {@link IllegalArgumentException} whose message names the problem with the text. None of them
 * looks up a host name.
 */
final class Values {

    static final String BOOLEAN = "true or false";
    static final String DURATION =
            "a duration with a unit, such as 500ms, 30s, 5m, 1h or 5d, or an ISO-8601 duration such as PT30S";

    private static final Pattern DURATION_WITH_UNIT =
            Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern BRACKETED_WITH_PORT = Pattern.compile("\\[([^\\]]+)](?::(\\d{1,5}))?");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+)(?::(\\d{1,5}))?");
    private static final int DNS_PORT = 53;

    private Values() {}

    /** Parses a value, throwing {@link IllegalArgumentException} with the reason it is invalid. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }

    /** The local addresses to send from: at most one of each family. */
    record LocalAddresses(@Nullable Inet4Address ipv4, @Nullable Inet6Address ipv6) {}

    static String text(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(
                        String.format("it contains the control character U+%04X at index %d", (int) c, i));
            }
        }
        return value;
    }

    static String hostName(String value) {
        if (value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("a host name has no spaces or control characters");
        }
        return value;
    }

    /** Parses a file system path; a relative one is taken relative to the working directory. */
    static Path path(String value) {
        text(value);
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + e.getReason(), e);
        }
    }

    static boolean bool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    /** Returns a parser for whole numbers from {@code min} to {@code max}. */
    static Parser<Integer> wholeNumber(int min, int max) {
        return value -> {
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number", e);
            }
            if (number < min || number > max) {
                throw new IllegalArgumentException("out of range");
            }
            return number;
        };
    }

    /** Returns a parser for decimal numbers from {@code min} up to {@code limit}, without it. */
    static Parser<Double> decimal(double min, double limit) {
        return value -> {
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number", e);
            }
            if (!(number >= min && number < limit)) {
                throw new IllegalArgumentException("out of range");
            }
            return number;
        };
    }

    /** Parses a positive duration such as {@code 30s}, {@code 500ms}, {@code 5d} or {@code PT30S}. */
    static Duration duration(String value) {
        Duration duration;
        Matcher matcher = DURATION_WITH_UNIT.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.of(amount, ChronoUnit.MINUTES);
                case "h" -> Duration.of(amount, ChronoUnit.HOURS);
                default -> Duration.of(amount, ChronoUnit.DAYS);
            };
        } else if (value.startsWith("P") || value.startsWith("p")) {
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration", e);
            }
        } else {
            throw new IllegalArgumentException("a duration needs a unit");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("a duration must be positive");
        }
        return duration;
    }

    /** Returns a parser for the constants of an enum, in lower case with hyphens, such as {@code ipv4-first}. */
    static <E extends Enum<E>> Parser<E> choice(Class<E> type) {
        return value -> {
            for (E constant : type.getEnumConstants()) {
                if (name(constant).equalsIgnoreCase(value.replace('_', '-'))) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("not one of the accepted values");
        };
    }

    /** Lists the accepted values of an enum, such as {@code none, opportunistic, required or verified}. */
    static <E extends Enum<E>> String choices(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(name(constant));
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** Parses one IPv4 address and one IPv6 address, or one of them, separated by a comma. */
    static LocalAddresses localAddresses(String value) {
        Inet4Address ipv4 = null;
        Inet6Address ipv6 = null;
        for (String item : value.split(",", -1)) {
            InetAddress address = ipAddress(item.trim());
            if (address instanceof Inet4Address found) {
                if (ipv4 != null) {
                    throw new IllegalArgumentException("it names two IPv4 addresses");
                }
                ipv4 = found;
            } else if (address instanceof Inet6Address found) {
                if (ipv6 != null) {
                    throw new IllegalArgumentException("it names two IPv6 addresses");
                }
                ipv6 = found;
            }
        }
        return new LocalAddresses(ipv4, ipv6);
    }

    /**
     * Parses a DNS server: an IP address with an optional port (default 53), IPv6 in brackets
     * when a port follows, such as {@code 192.0.2.53:5353} or {@code [2001:db8::53]:53}.
     */
    static InetSocketAddress dnsServer(String value) {
        String host;
        String port;
        Matcher bracketed = BRACKETED_WITH_PORT.matcher(value);
        Matcher ipv4 = IPV4_WITH_PORT.matcher(value);
        if (bracketed.matches()) {
            host = bracketed.group(1);
            port = bracketed.group(2);
        } else if (ipv4.matches()) {
            host = ipv4.group(1);
            port = ipv4.group(2);
        } else {
            host = value;
            port = null;
        }
        InetAddress address = ipAddress(host);
        int number = port == null ? DNS_PORT : Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("the port is out of range");
        }
        return new InetSocketAddress(address, number);
    }

    /** Parses an IPv4 or IPv6 address literal, never a host name, so no DNS lookup happens. */
    static InetAddress ipAddress(String value) {
        Matcher ipv4 = IPV4.matcher(value);
        if (ipv4.matches()) {
            byte[] octets = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(ipv4.group(i + 1));
                if (octet > 255) {
                    throw new IllegalArgumentException("\"" + value + "\" is not an IPv4 address");
                }
                octets[i] = (byte) octet;
            }
            return byAddress(octets);
        }
        if (value.indexOf(':') >= 0) {
            try {
                // In brackets the JDK parses the text as an IPv6 literal and never looks it up as a name.
                return InetAddress.getByName("[" + value + "]");
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("\"" + value + "\" is not an IPv6 address", e);
            }
        }
        throw new IllegalArgumentException("\"" + value + "\" is not an IP address");
    }

    private static InetAddress byAddress(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets always form an IPv4 address", e);
        }
    }

    private static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
